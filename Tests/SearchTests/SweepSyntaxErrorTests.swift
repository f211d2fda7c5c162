import Testing
@testable import Search

/// Every way a sweep expression can be wrong, with the column the error points at.
@Suite struct SweepSyntaxErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var column: Int
        var message: String
        var testDescription: String { text }
        init(_ text: String, _ column: Int, _ message: String) {
            (self.text, self.column, self.message) = (text, column, message)
        }
    }

    static let functions = "range, linspace, logspace, geomspace, uniform, loguniform, randint, lograndint, normal, lognormal, choice"

    static let cases: [Case] = [
        // Unknown functions.
        Case("logunifrom(1e-5, 1)", 1, "unknown sweep function 'logunifrom'; did you mean loguniform?"),
        Case("Uniform(0, 1)", 1, "unknown sweep function 'Uniform'; did you mean uniform?"),
        Case("randnt(1, 5)", 1, "unknown sweep function 'randnt'; did you mean randint?"),
        Case("foo(1)", 1, "unknown sweep function 'foo'; sweep functions are \(functions)"),
        // Brackets, commas, trailing text.
        Case("[1, 2", 1, "'[' is never closed: add ']'"),
        Case("uniform(0, 1", 8, "'(' is never closed: add ')'"),
        Case("choice(", 7, "'(' is never closed: add ')'"),
        Case("[1 2]", 4, "missing ',' before 2"),
        Case("uniform(0 1)", 11, "missing ',' before 1"),
        Case("['a' 'b']", 6, "missing ',' before 'b'"),
        Case("[1, 2] x", 8, "unexpected x after the end of the expression"),
        Case("[1, 2]]", 7, "unexpected ']' after the end of the expression"),
        Case("uniform(0, 1) , 3", 15, "unexpected ',' after the end of the expression"),
        Case("[1, 2)", 6, "expected ']' to close '[' at column 1, found ')'"),
        Case("uniform(0, 1]", 13, "expected ')' to close '(' at column 8, found ']'"),
        Case("[1, , 2]", 5, "expected a value before ','"),
        Case("[1, 2,,]", 7, "expected a value before ','"),
        Case("[-]", 3, "expected a number after '-', found ']'"),
        Case("[(1)]", 2, "expected a value, found '('"),
        // Arity.
        Case("uniform(0, 1, 2, 3)", 18, "too many arguments: uniform takes at most 3 (uniform(low, high) or uniform(low, high, count))"),
        Case("uniform(0)", 10, "too few arguments: uniform takes uniform(low, high) or uniform(low, high, count)"),
        Case("linspace(0, 1)", 14, "too few arguments: linspace takes linspace(start, stop, count)"),
        Case("range()", 7, "too few arguments: range takes range(stop), range(start, stop) or range(start, stop, step)"),
        Case("range(1, 2, 3, 4)", 16, "too many arguments: range takes at most 3 (range(stop), range(start, stop) or range(start, stop, step))"),
        Case("normal(0, 1)", 12, "normal(mean, sigma) is not a search distribution: add a count to pre-sample values, e.g. normal(0, 1, 5)"),
        Case("choice()", 8, "choice needs at least one value"),
        // Values.
        Case("[]", 1, "the list is empty: give at least one value"),
        Case("[1, 1]", 5, "1 repeats the value at column 2"),
        Case("[1, 1.0]", 5, "1.0 repeats the value at column 2"),
        Case("['a', 'b', 'a']", 12, "'a' repeats the value at column 2"),
        Case("choice(1, 2, 1)", 14, "1 repeats the value at column 8"),
        Case("[None]", 2, "None cannot be passed on a command line; use a string such as 'none'"),
        Case("[sgd, adam]", 2, "unquoted name 'sgd': put strings in quotes, e.g. 'sgd'"),
        Case("[true]", 2, "unquoted name 'true': booleans are written True and False"),
        Case("['pizza]", 2, "the string starting here is never closed: add a closing '"),
        Case("[\"pizza']", 2, "the string starting here is never closed: add a closing \""),
        Case("['\\x4']", 3, "malformed escape '\\x4'': expected 2 hex digits"),
        Case("[[1, 2]]", 2, "lists cannot be nested"),
        Case("uniform(exp(1), 2)", 9, "sweep functions cannot be nested: exp(…) must be a value"),
        Case("uniform(low=0, high=1)", 9, "keyword arguments are not supported: give the values in order, without 'low='"),
        Case("[1.2.3]", 2, "malformed number '1.2.3'"),
        Case("[1e]", 2, "malformed number '1e'"),
        Case("[12abc]", 2, "malformed number '12abc'"),
        Case("[1__0]", 2, "malformed number '1__0'"),
        Case("[0x10]", 2, "malformed number '0x10'"),
        Case("[1, @]", 5, "unexpected character '@'"),
        Case("[99999999999999999999]", 2, "integer 99999999999999999999 is too large (the limit is ±9223372036854775807)"),
        Case("[-1e999]", 2, "number -1e999 is not a finite 64-bit float"),
        // Bounds and counts.
        Case("loguniform(0, 1)", 12, "lower bound must be > 0"),
        Case("loguniform(-1, 1)", 12, "lower bound must be > 0"),
        Case("lograndint(0, 10)", 12, "lower bound must be > 0"),
        Case("uniform(1, 1)", 12, "upper bound 1 must be above lower bound 1"),
        Case("uniform(2, 1.5)", 12, "upper bound 1.5 must be above lower bound 2"),
        Case("randint(5, 1)", 12, "upper bound 1 must be above lower bound 5"),
        Case("randint(1.5, 3)", 9, "the lower bound must be a whole number such as 3, got 1.5"),
        Case("randint(1, '3')", 12, "the upper bound must be a whole number such as 3, got '3'"),
        Case("uniform('a', 1)", 9, "the lower bound must be a number, got 'a'"),
        Case("uniform(True, 2)", 9, "the lower bound must be a number, got True"),
        Case("randint(1, 3, 5)", 15, "cannot draw 5 different integers from 1…3"),
        Case("uniform(0, 1, 0)", 15, "the count must be at least 1, got 0"),
        Case("uniform(0, 1, -2)", 15, "the count must be at least 1, got -2"),
        Case("uniform(0, 1, 200000)", 15, "the count 200000 is above the limit of 100000 values"),
        Case("normal(0, 0, 5)", 11, "sigma must be > 0"),
        Case("normal('a', 1, 5)", 8, "the mean must be a number, got 'a'"),
        Case("range(1, 5, 0)", 13, "step must not be 0"),
        Case("range(5, 1)", 10, "the range is empty: stop 1 is not above start 5; count down with a negative step"),
        Case("range(1, 5, -1)", 10, "the range is empty: stop 5 is not below start 1"),
        Case("range(0)", 7, "the range is empty: stop 0 is not above start 0; count down with a negative step"),
        Case("range('a', 3)", 7, "start must be a number, got 'a'"),
        Case("range(0, 1000000)", 10, "the range has more than 100000 values, the limit"),
        Case("range(0, 1, 1e-9)", 10, "the range has more than 100000 values, the limit"),
        Case("linspace(0, 1, 0)", 16, "the count must be at least 1, got 0"),
        Case("linspace(0, 1, 2.5)", 16, "the count must be a whole number such as 3, got 2.5"),
        Case("linspace(1, 1, 3)", 16, "the values repeat (1.0): start and stop must differ, and the step must be visible at 15 significant digits"),
        Case("logspace(0, 400, 2)", 18, "the values overflow to inf"),
        Case("geomspace(0, 1, 3)", 11, "geomspace cannot start at 0"),
        Case("geomspace(1, 0, 3)", 14, "geomspace cannot stop at 0"),
        Case("geomspace(-1, 1, 3)", 15, "geomspace needs start and stop of the same sign"),
    ]

    @Test(arguments: cases)
    func refused(_ c: Case) {
        let error = #expect(throws: SweepSyntaxError.self) {
            try SweepSyntax.domain(of: c.text, flag: "--x", parameter: "x", seed: 0)
        }
        #expect(error?.message == c.message)
        #expect(error?.column == c.column)
        #expect(error?.text == c.text)
        #expect(error?.flag == "--x")
    }
}
