import Testing
@testable import Search

/// `SearchSpace.init` refuses every malformed parameter with a message that names it.
@Suite("SearchSpace validation")
struct SearchSpaceValidationTests {
    private func error(_ parameters: [Parameter]) -> SearchSpaceError? {
        do {
            _ = try SearchSpace(parameters)
            return nil
        } catch let e as SearchSpaceError {
            return e
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    @Test func acceptsAWellFormedMixedSpace() throws {
        let space = try SearchSpace([
            Parameter("lr", .real(low: 1e-5, high: 1e-1, log: true)),
            Parameter("dropout", .real(low: 0, high: 0.5, log: false)),
            Parameter("layers", .integer(low: 1, high: 8, log: false)),
            Parameter("width", .integer(low: 16, high: 1024, log: true)),
            Parameter("optimizer", .categorical([.string("sgd"), .string("adam")])),
            Parameter("batch", .ordinal([.int(32), .int(64)])),
            Parameter("seed", .constant(.int(0))),
        ])
        #expect(space.names == ["lr", "dropout", "layers", "width", "optimizer", "batch", "seed"])
        #expect(space.isDiscrete == false)
        #expect(space.cardinality == nil)
    }

    @Test func emptyName() {
        let e = error([Parameter("", .constant(.int(1)))])
        #expect(e == .emptyName)
        #expect(e?.description == "a parameter has an empty name")
    }

    @Test func duplicateName() {
        let e = error([Parameter("lr", .constant(.int(1))), Parameter("lr", .constant(.int(2)))])
        #expect(e == .duplicateName("lr"))
        #expect(e?.description == "parameter 'lr' is declared twice")
    }

    @Test func emptyRealRange() {
        let e = error([Parameter("lr", .real(low: 0.1, high: 0.1, log: false))])
        #expect(e == .emptyRange(parameter: "lr", low: "0.1", high: "0.1"))
        #expect(e?.description == "parameter 'lr': lower bound 0.1 must be below upper bound 0.1")
    }

    @Test func reversedIntegerRange() {
        let e = error([Parameter("layers", .integer(low: 5, high: 2, log: false))])
        #expect(e == .emptyRange(parameter: "layers", low: "5", high: "2"))
    }

    @Test func singleIntegerIsAValidRange() throws {
        let space = try SearchSpace([Parameter("layers", .integer(low: 3, high: 3, log: false))])
        #expect(space.cardinality == 1)
    }

    @Test func logRealNeedsPositiveLow() {
        let e = error([Parameter("lr", .real(low: 0, high: 1, log: true))])
        #expect(e == .logNeedsPositiveLow(parameter: "lr", low: "0.0"))
        #expect(e?.description == "parameter 'lr': a log scale needs a lower bound > 0, got 0.0")
    }

    @Test func logIntegerNeedsPositiveLow() {
        let e = error([Parameter("width", .integer(low: 0, high: 64, log: true))])
        #expect(e == .logNeedsPositiveLow(parameter: "width", low: "0"))
    }

    @Test(arguments: [Double.infinity, -Double.infinity, Double.nan])
    func nonFiniteBound(bound: Double) {
        #expect(error([Parameter("x", .real(low: bound, high: 1, log: false))]) == .nonFiniteBound(parameter: "x"))
        #expect(error([Parameter("x", .real(low: 0, high: bound, log: false))]) == .nonFiniteBound(parameter: "x"))
        #expect(SearchSpaceError.nonFiniteBound(parameter: "x").description
            == "parameter 'x': bounds must be finite numbers")
    }

    @Test func emptyCategorical() {
        let e = error([Parameter("opt", .categorical([]))])
        #expect(e == .emptyValues(parameter: "opt"))
        #expect(e?.description == "parameter 'opt': needs at least one value")
    }

    @Test func emptyOrdinal() {
        #expect(error([Parameter("batch", .ordinal([]))]) == .emptyValues(parameter: "batch"))
    }

    @Test func duplicateCategoricalValue() {
        let e = error([Parameter("opt", .categorical([.string("sgd"), .string("adam"), .string("sgd")]))])
        #expect(e == .duplicateValue(parameter: "opt", value: .string("sgd")))
        #expect(e?.description == "parameter 'opt': value 'sgd' appears more than once")
    }

    @Test func duplicateOrdinalValue() {
        let e = error([Parameter("batch", .ordinal([.int(32), .int(64), .int(32)]))])
        #expect(e == .duplicateValue(parameter: "batch", value: .int(32)))
        #expect(e?.description == "parameter 'batch': value 32 appears more than once")
    }

    @Test func ordinalNeedsNumbers() {
        let e = error([Parameter("size", .ordinal([.int(1), .string("large")]))])
        #expect(e == .ordinalNeedsNumbers(parameter: "size", value: .string("large")))
        #expect(e?.description == "parameter 'size': ordered values must be numbers, got 'large'")
    }

    /// NaN never equals itself: a configuration holding it is never `contains`-ed and never
    /// recognised as already tried, so a grid would propose it forever.
    @Test func nanValuesAreRefused() {
        #expect(error([Parameter("size", .ordinal([.real(1), .real(.nan)]))]) == .nanValue(parameter: "size"))
        #expect(error([Parameter("c", .categorical([.string("a"), .real(.nan)]))]) == .nanValue(parameter: "c"))
        #expect(error([Parameter("k", .constant(.real(.nan)))]) == .nanValue(parameter: "k"))
        #expect(SearchSpaceError.nanValue(parameter: "k").description
            == "parameter 'k': nan cannot be a value (it never equals itself, so it could not be matched)")
    }

    @Test(arguments: [0, -3])
    func invalidGridPoints(points: Int) {
        let e = error([Parameter("lr", .real(low: 0, high: 1, log: false), gridPoints: points)])
        #expect(e == .invalidGridPoints(parameter: "lr", points: points))
        #expect(e?.description == "parameter 'lr': grid_points must be at least 1, got \(points)")
    }

    @Test func cardinalityIsTheProductOfDiscreteDomains() throws {
        let space = try SearchSpace([
            Parameter("a", .integer(low: -2, high: 2, log: false)),
            Parameter("b", .categorical([.string("x"), .string("y"), .bool(true)])),
            Parameter("c", .constant(.real(0.5))),
        ])
        #expect(space.isDiscrete)
        #expect(space.cardinality == 15)
    }

    @Test func cardinalityOverflowIsNil() throws {
        let huge = Parameter("a", .integer(low: 0, high: Int.max / 2, log: false))
        let space = try SearchSpace([huge, Parameter("b", .integer(low: 0, high: Int.max / 2, log: false))])
        #expect(space.cardinality == nil)
    }

    @Test func containsChecksEveryDomainAndNoExtraNames() throws {
        let space = try SearchSpace([
            Parameter("lr", .real(low: 0.1, high: 1, log: false)),
            Parameter("n", .integer(low: 1, high: 3, log: false)),
            Parameter("opt", .categorical([.string("sgd")])),
            Parameter("k", .constant(.int(7))),
        ])
        let good: Configuration = ["lr": .real(0.5), "n": .int(2), "opt": .string("sgd"), "k": .int(7)]
        #expect(space.contains(good))
        var c = good; c["lr"] = .real(1.5)
        #expect(!space.contains(c), "real above its range")
        c = good; c["lr"] = .real(.nan)
        #expect(!space.contains(c), "NaN is in no range")
        c = good; c["n"] = .real(2)
        #expect(!space.contains(c), "an integer parameter needs an integer value")
        c = good; c["opt"] = .string("adam")
        #expect(!space.contains(c), "a value outside the choices")
        c = good; c["k"] = .int(8)
        #expect(!space.contains(c), "a constant has one value")
        c = good; c["extra"] = .int(1)
        #expect(!space.contains(c), "an unknown name")
        c = good; c["n"] = nil
        #expect(!space.contains(c), "a missing name")
    }
}
