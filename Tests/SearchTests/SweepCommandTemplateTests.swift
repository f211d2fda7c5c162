import Testing
@testable import Search

/// Command templates: placeholders, appended parameters, brace escapes, shell quoting.
@Suite struct SweepCommandTemplateTests {
    static let space = try! SearchSpace([
        Parameter("lr", .ordinal([.real(0.1)])),
        Parameter("opt", .categorical([.string("adam")])),
        Parameter("epochs", .constant(.int(3))),
    ])
    static let configuration: Configuration = ["lr": .real(0.1), "opt": .string("adam"), "epochs": .int(3)]

    @Test func placeholdersFillWholeArgumentsAndParts() throws {
        let t = try CommandTemplate(parsing: ["python", "train.py", "--lr={lr}", "--opt", "{opt}", "{epochs}x{epochs}"])
        #expect(try t.render(Self.configuration, in: Self.space) == ["python", "train.py", "--lr=0.1", "--opt", "adam", "3x3"])
    }

    @Test func withoutPlaceholdersEveryParameterIsAppendedInDeclaredOrder() throws {
        let t = try CommandTemplate(parsing: ["python", "train.py"])
        #expect(try t.render(Self.configuration, in: Self.space)
            == ["python", "train.py", "--lr", "0.1", "--opt", "adam", "--epochs", "3"])
    }

    @Test func parametersWithoutAPlaceholderAreAppended() throws {
        let t = try CommandTemplate(parsing: ["train", "--opt", "{opt}"])
        #expect(try t.render(Self.configuration, in: Self.space) == ["train", "--opt", "adam", "--lr", "0.1", "--epochs", "3"])
    }

    @Test func doubledBracesAreLiteral() throws {
        let t = try CommandTemplate(parsing: ["--json", "{{\"lr\": {lr}}}", "}}{{"])
        #expect(t.arguments[1] == [.text("{\"lr\": "), .parameter("lr"), .text("}")])
        #expect(try t.render(Self.configuration, in: Self.space).prefix(3) == ["--json", "{\"lr\": 0.1}", "}{"])
    }

    @Test(arguments: [
        (["a", "{"], "command argument 2 \"{\": '{' must open a placeholder such as {lr}; write '{{' for a literal brace (column 1)"),
        (["x{}"], "command argument 1 \"x{}\": '{' must open a placeholder such as {lr}; write '{{' for a literal brace (column 2)"),
        (["{1x}"], "command argument 1 \"{1x}\": '{' must open a placeholder such as {lr}; write '{{' for a literal brace (column 1)"),
        (["{a b}"], "command argument 1 \"{a b}\": '{' must open a placeholder such as {lr}; write '{{' for a literal brace (column 1)"),
        (["ab}"], "command argument 1 \"ab}\": '}' without '{'; write '}}' for a literal brace (column 3)"),
    ])
    func malformedPlaceholdersAreRefused(argv: [String], message: String) {
        let error = #expect(throws: CommandTemplateError.self) { try CommandTemplate(parsing: argv) }
        #expect(error?.description == message)
    }

    @Test func unknownPlaceholderIsNamed() throws {
        let t = try CommandTemplate(parsing: ["train", "--lr", "{learning_rate}"])
        let error = #expect(throws: CommandTemplateError.self) { try t.validate(for: Self.space) }
        #expect(error?.description
            == "the command uses {learning_rate}, but no parameter is named 'learning_rate' (parameters are lr, opt, epochs)")
    }

    @Test func writtenArgumentsParseBackToTheSameTemplate() throws {
        let t = CommandTemplate(arguments: [[.text("--json")], [.text("{\"a\": }")], [.text("--lr="), .parameter("lr")]])
        #expect(t.writtenArguments == ["--json", "{{\"a\": }}", "--lr={lr}"])
        #expect(try CommandTemplate(parsing: t.writtenArguments) == t)
    }

    @Test(arguments: [
        ("pizza", "pizza"), ("Examples/hello.py", "Examples/hello.py"), ("--lr=0.1", "--lr=0.1"), ("1e-05", "1e-05"),
        ("", "''"), ("two words", "'two words'"), ("it's", "'it'\\''s'"), ("$HOME", "'$HOME'"),
        ("[1, 2]", "'[1, 2]'"), ("a*b", "'a*b'"), ("é", "'é'"), ("a\nb", "'a\nb'"),
    ])
    func shellQuotingOnlyWhereNeeded(argument: String, quoted: String) {
        #expect(ShellQuoting.quote(argument) == quoted)
    }

    @Test func shellJoinQuotesEachArgument() {
        #expect(ShellQuoting.join(["python3", "t.py", "--name", "a b"]) == "python3 t.py --name 'a b'")
    }
}
