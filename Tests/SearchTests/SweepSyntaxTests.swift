import Testing
@testable import Search

/// The sweep forms and the domains they stand for.
@Suite struct SweepSyntaxTests {
    static func domain(_ text: String, seed: UInt64 = 0) throws -> Domain {
        try SweepSyntax.domain(of: text, flag: "--x", parameter: "x", seed: seed)
    }

    @Test(arguments: [
        ("[1, 2]", true), (" [1]", true), ("uniform(0, 1)", true), ("range (1, 3)", true),
        ("logunifrom(1, 2)", true), ("_f(1)", true),
        ("0.01", false), ("1e-2", false), ("-1", false), ("bert", false), ("'bert'", false), ("\"bert\"", false),
        ("data/[a].txt", false), ("(1, 2)", false), ("", false), ("a.b(1)", false), ("uniform", false),
        ("{\"a\": [1]}", false),
    ])
    func expressionOrLiteral(text: String, isExpression: Bool) {
        #expect(SweepSyntax.isExpression(text) == isExpression)
    }

    @Test(arguments: [
        ("[1, 2]", Domain.ordinal([.int(1), .int(2)])),
        ("[0.1, 1e-2, -3, 2.5E3]", .ordinal([.real(0.1), .real(0.01), .int(-3), .real(2500)])),
        ("[1_000, .5, 5., +2]", .ordinal([.int(1000), .real(0.5), .real(5), .int(2)])),
        ("[ 3 , ]", .ordinal([.int(3)])),
        ("[-1.5e-3, - 2]", .ordinal([.real(-0.0015), .int(-2)])),
        ("['pizza', 'hotdog']", .categorical([.string("pizza"), .string("hotdog")])),
        ("[\"a\", 'b']", .categorical([.string("a"), .string("b")])),
        ("[True, False]", .categorical([.bool(true), .bool(false)])),
        ("[1, 'a', True, 2.5]", .categorical([.int(1), .string("a"), .bool(true), .real(2.5)])),
        ("['it\\'s', \"say \\\"hi\\\"\", 'a\\tb', '\\x41\\u00e9', 'c:\\\\d', '\\d']",
         .categorical([.string("it's"), .string("say \"hi\""), .string("a\tb"), .string("Aé"),
                       .string("c:\\d"), .string("\\d")])),
        ("['1', 1]", .categorical([.string("1"), .int(1)])),
        ("uniform(0, 1)", .real(low: 0, high: 1, log: false)),
        ("uniform(-1.5, 2)", .real(low: -1.5, high: 2, log: false)),
        ("loguniform(1e-5, 1e-1)", .real(low: 1e-5, high: 0.1, log: true)),
        ("randint(1, 8)", .integer(low: 1, high: 8, log: false)),
        ("randint(-3, 3)", .integer(low: -3, high: 3, log: false)),
        ("lograndint(1, 1024)", .integer(low: 1, high: 1024, log: true)),
        ("choice(1, 'a', 2.5)", .categorical([.int(1), .string("a"), .real(2.5)])),
        ("choice('x')", .categorical([.string("x")])),
        ("choice(32, 64, 128)", .categorical([.int(32), .int(64), .int(128)])),
        ("  range( 3 )  ", .ordinal([.int(0), .int(1), .int(2)])),
    ])
    func form(text: String, expected: Domain) throws {
        #expect(try Self.domain(text) == expected)
    }

    @Test func errorReadsFlagTextMessageAndColumn() {
        let error = #expect(throws: SweepSyntaxError.self) {
            try SweepSyntax.domain(of: "loguniform(0, 1)", flag: "--lr", parameter: "lr", seed: 0)
        }
        #expect(error == SweepSyntaxError(flag: "--lr", text: "loguniform(0, 1)", column: 12, message: "lower bound must be > 0"))
        #expect(error?.description == "--lr \"loguniform(0, 1)\": lower bound must be > 0 (column 12)")
    }

    @Test func literalsRenderAndParseBack() throws {
        let values: [ParameterValue] = [.real(0.5), .real(2), .int(-3), .real(1e-5), .real(1e20), .real(-0.0), .bool(true),
                                        .bool(false), .string("pizza"), .string("it's \\ \"q\"\n\t\u{01}é"), .string("")]
        let text = "choice(\(values.map(SweepSyntax.literal).joined(separator: ", ")))"
        #expect(text == "choice(0.5, 2.0, -3, 1e-05, 1e+20, -0.0, True, False, 'pizza', 'it\\'s \\\\ \"q\"\\n\\t\\x01é', '')")
        #expect(try Self.domain(text) == .categorical(values))
    }

    @Test(arguments: [
        Domain.ordinal([.int(1), .real(0.5), .real(1e-5)]),
        .categorical([.string("pizza"), .string("hot'dog")]),
        .categorical([.int(1), .int(2)]),
        .categorical([.bool(true), .int(2)]),
        .real(low: 1e-5, high: 0.1, log: true),
        .real(low: -1, high: 2.5, log: false),
        .integer(low: 1, high: 8, log: false),
        .integer(low: 2, high: 512, log: true),
    ])
    func domainTextParsesBackToTheDomain(domain: Domain) throws {
        let text = try #require(SweepSyntax.text(for: domain))
        #expect(try Self.domain(text) == domain)
    }

    @Test func constantsHaveNoSweepText() {
        #expect(SweepSyntax.text(for: .constant(.int(3))) == nil)
    }
}
