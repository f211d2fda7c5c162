import Testing
@testable import Search

/// `EXPR when CONDITION` on a command line, and the condition syntax of `when:`.
@Suite struct SweepConditionTests {
    private func condition(_ text: String) throws(SweepSyntaxError) -> Condition {
        try SweepSyntax.condition(of: text, flag: "momentum")
    }

    private func problem(_ text: String) -> SweepSyntaxError? {
        do {
            _ = try condition(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsEqualityMembershipAndTheirNegations() throws {
        #expect(try condition("optimizer == 'sgd'") == .equals("optimizer", .string("sgd")))
        #expect(try condition("  optimizer=='sgd' ") == .equals("optimizer", .string("sgd")))
        #expect(try condition("optimizer != \"adam\"") == Condition("optimizer", in: [.string("adam")], negated: true))
        #expect(try condition("optimizer in ['sgd', 'rmsprop']") == Condition("optimizer", in: [.string("sgd"), .string("rmsprop")]))
        #expect(try condition("layers not in [1, 2]") == Condition("layers", in: [.int(1), .int(2)], negated: true))
        #expect(try condition("use_bn == True") == .equals("use_bn", .bool(true)))
    }

    @Test func everyConditionReadsBackFromItsText() throws {
        for c in [Condition.equals("optimizer", .string("it's")), Condition("b", in: [.int(1), .real(0.5)], negated: true),
                  Condition("flag", in: [.bool(false)], negated: true)] {
            #expect(try condition(c.text) == c)
        }
    }

    @Test func malformedConditionsNameTheColumn() {
        #expect(problem("optimizer = 'sgd'")?.column == 11)
        #expect(problem("optimizer = 'sgd'")?.message.contains("compare with ==") == true)
        #expect(problem("== 'sgd'")?.column == 1)
        #expect(problem("optimizer == sgd")?.message.contains("put strings in quotes") == true)
        #expect(problem("optimizer == sgd")?.column == 14)
        #expect(problem("optimizer in 'sgd'")?.message.contains("expected a list") == true)
        #expect(problem("optimizer == ['sgd', 'adam']")?.message.contains("using in") == true)
        #expect(problem("optimizer == 'sgd', 'adam'")?.message.contains("for several") == true)
    }

    static let argv = ["python3", "train.py", "--optimizer", "['sgd', 'adam']",
                       "--momentum", "uniform(0, 0.99, 2) when optimizer == 'sgd'", "--epochs", "3"]

    @Test func aConditionalFlagLeavesTheCommandAndComesBackWhenActive() throws {
        let sweep = try CommandLineSweep(parsing: Self.argv, seed: 0)
        #expect(sweep.space["momentum"]?.condition == .equals("optimizer", .string("sgd")))
        #expect(sweep.template.placeholders == ["optimizer"])
        let trials = try GridStrategy.points(of: sweep.space).map { try sweep.template.render($0, in: sweep.space) }
        #expect(trials.count == 3)
        let sgd = try #require(trials.first { $0.contains("sgd") })
        #expect(Array(sgd.prefix(6)) == ["python3", "train.py", "--optimizer", "sgd", "--epochs", "3"])
        #expect(sgd.count == 8 && sgd[6] == "--momentum")
        #expect(trials.last == ["python3", "train.py", "--optimizer", "adam", "--epochs", "3"])
    }

    @Test func aBadConditionOnTheCommandLineNamesFlagAndColumn() {
        var argv = Self.argv
        argv[5] = "uniform(0, 1) when optimizer == 'sdg'"
        #expect(throws: SweepSyntaxError.self) { try CommandLineSweep(parsing: argv, seed: 0) }
        do {
            _ = try CommandLineSweep(parsing: argv, seed: 0)
        } catch {
            #expect(error.flag == "--momentum")
            #expect(error.column == 20)
            #expect(error.message.contains("'sdg', which 'optimizer' never takes"))
        }
        argv[5] = "uniform(0, 1) when optimizer === 'sgd'"
        do {
            _ = try CommandLineSweep(parsing: argv, seed: 0)
            Issue.record("accepted ===")
        } catch {
            #expect(error.column == 32)  // the third '='
        }
    }

    @Test func aConditionMayNameAParameterOfTheFile() throws {
        let file = [Parameter("optimizer", .categorical([.string("sgd"), .string("adam")])), Parameter("epochs", .constant(.int(3)))]
        let argv = ["python3", "train.py", "--momentum", "[0.5, 0.9] when optimizer == 'sgd'"]
        #expect(throws: SweepSyntaxError.self) { try CommandLineSweep(parsing: argv, seed: 0) }
        let sweep = try CommandLineSweep(parsing: argv, seed: 0, base: file)
        #expect(sweep.space.names == ["optimizer", "epochs", "momentum"])
        #expect(try GridStrategy.size(of: sweep.space) == 3)
    }

    @Test func aPlaceholderNamingAConditionalParameterIsRefused() throws {
        let space = try SearchSpace([
            Parameter("optimizer", .categorical([.string("sgd"), .string("adam")])),
            Parameter("momentum", .real(low: 0, high: 1, log: false), when: .equals("optimizer", .string("sgd"))),
        ])
        let template = try CommandTemplate(parsing: ["python3", "train.py", "--momentum={momentum}"])
        #expect(throws: CommandTemplateError.conditionalPlaceholder(name: "momentum", condition: "optimizer == 'sgd'")) {
            try template.validate(for: space)
        }
    }

    @Test func whenInsideQuotesIsPartOfAValue() {
        #expect(SweepSyntax.splitCondition("['say when', 'x'] when k == 'say when'")?.1 == "k == 'say when'")
        #expect(SweepSyntax.splitCondition("['when', 'x']") == nil)
    }
}
