import Testing
@testable import Search

/// Conditional parameters in the space itself: validation, activity, membership, counting,
/// the unit cube.
@Suite("Conditional spaces")
struct ConditionalSpaceTests {
    static let sgd = Condition.equals("optimizer", .string("sgd"))
    static let optimizer = Parameter("optimizer", .categorical([.string("sgd"), .string("adam"), .string("rmsprop")]))

    /// optimizer; momentum under sgd; nesterov under momentum's grid values; lr always.
    static let space = try! SearchSpace([
        optimizer,
        Parameter("momentum", .ordinal([.real(0.5), .real(0.9)]), when: sgd),
        Parameter("nesterov", .categorical([.bool(true), .bool(false)]), when: .equals("momentum", .real(0.9))),
        Parameter("lr", .real(low: 1e-4, high: 1, log: true), gridPoints: 2),
    ])

    private func error(_ parameters: [Parameter]) -> SearchSpaceError? {
        do {
            _ = try SearchSpace(parameters)
            return nil
        } catch {
            return error as? SearchSpaceError
        }
    }

    @Test func containsOnlyConfigurationsWithExactlyTheActiveParameters() {
        let s = Self.space
        #expect(s.contains(["optimizer": .string("adam"), "lr": .real(0.1)]))
        #expect(s.contains(["optimizer": .string("sgd"), "momentum": .real(0.5), "lr": .real(0.1)]))
        #expect(s.contains(["optimizer": .string("sgd"), "momentum": .real(0.9), "nesterov": .bool(true), "lr": .real(0.1)]))
        // an inactive parameter present, an active one missing, a chain broken
        #expect(!s.contains(["optimizer": .string("adam"), "momentum": .real(0.5), "lr": .real(0.1)]))
        #expect(!s.contains(["optimizer": .string("sgd"), "lr": .real(0.1)]))
        #expect(!s.contains(["optimizer": .string("sgd"), "momentum": .real(0.5), "nesterov": .bool(true), "lr": .real(0.1)]))
        #expect(!s.contains(["optimizer": .string("adam"), "nesterov": .bool(true), "lr": .real(0.1)]))
    }

    @Test func conditionsCompareNumbersByValueAndNegate() {
        #expect(Condition.equals("batch", .real(32)).holds(for: .int(32)))
        #expect(!Condition.equals("batch", .int(32)).holds(for: nil))
        let notSGD = Condition("optimizer", in: [.string("sgd")], negated: true)
        #expect(notSGD.holds(for: .string("adam")) && !notSGD.holds(for: .string("sgd")) && !notSGD.holds(for: nil))
        #expect(notSGD.text == "optimizer != 'sgd'")
        #expect(Condition("optimizer", in: [.string("sgd"), .string("adam")]).text == "optimizer in ['sgd', 'adam']")
    }

    @Test func theTreeIsCountedBranchByBranch() throws {
        // sgd: momentum 0.5 (1) + momentum 0.9 × nesterov (2) = 3, adam 1, rmsprop 1; × lr's grid 2 for grid only.
        let discrete = try! SearchSpace(Self.space.parameters.dropLast())
        #expect(discrete.cardinality == 5)
        #expect(try GridStrategy.size(of: Self.space) == 10)
    }

    @Test func refusesAConditionOnAnUnknownParameterWithAHint() {
        #expect(error([Self.optimizer, Parameter("m", .constant(.int(1)), when: .equals("optimiser", .string("sgd")))])
            == .conditionOnUnknownParameter(parameter: "m", parent: "optimiser", suggestion: "optimizer"))
    }

    @Test func refusesAConditionOnALaterParameter() {
        let e = error([Parameter("m", .constant(.int(1)), when: Self.sgd), Self.optimizer])
        #expect(e == .conditionOnLaterParameter(parameter: "m", parent: "optimizer"))
        #expect(e?.description.contains("declare 'optimizer' first") == true)
    }

    @Test func refusesACycle() {
        let a = Parameter("a", .categorical([.string("x"), .string("y")]), when: .equals("b", .string("x")))
        let b = Parameter("b", .categorical([.string("x"), .string("y")]), when: .equals("a", .string("x")))
        #expect(error([a, b]) == .conditionCycle(["a", "b", "a"]))
        #expect(error([Parameter("a", .categorical([.string("x"), .string("y")]), when: .equals("a", .string("x")))])
            == .conditionCycle(["a", "a"]))
    }

    @Test func refusesAConditionOnAContinuousParameterOrAConstant() {
        let lr = Parameter("lr", .real(low: 0, high: 1, log: false))
        #expect(error([lr, Parameter("m", .constant(.int(1)), when: .equals("lr", .real(0.5)))])
            == .conditionOnContinuousParameter(parameter: "m", parent: "lr"))
        #expect(error([Parameter("k", .constant(.int(1))), Parameter("m", .constant(.int(1)), when: .equals("k", .int(1)))])
            == .conditionOnConstant(parameter: "m", parent: "k"))
    }

    @Test func refusesAValueTheParentNeverTakes() {
        let e = error([Self.optimizer, Parameter("m", .constant(.int(1)), when: .equals("optimizer", .string("sdg")))])
        #expect(e == .conditionValueNotTaken(parameter: "m", parent: "optimizer", value: .string("sdg"),
                                             values: "['sgd', 'adam', 'rmsprop']"))
        let layers = Parameter("layers", .integer(low: 1, high: 4, log: false))
        #expect(error([layers, Parameter("m", .constant(.int(1)), when: .equals("layers", .int(5)))]) != nil)
        #expect(error([layers, Parameter("m", .constant(.int(1)), when: .equals("layers", .real(2.5)))]) != nil)
        #expect(error([layers, Parameter("m", .constant(.int(1)), when: .equals("layers", .real(2)))]) == nil)
    }

    @Test func refusesAConditionThatNeverHolds() {
        let all = Condition("optimizer", in: [.string("sgd"), .string("adam"), .string("rmsprop")], negated: true)
        #expect(error([Self.optimizer, Parameter("m", .constant(.int(1)), when: all)])
            == .conditionNeverHolds(parameter: "m", condition: "optimizer not in ['sgd', 'adam', 'rmsprop']"))
    }

    @Test func inactiveCoordinatesSitAtAFixedPlaceAndDecodeAway() {
        let s = Self.space
        // optimizer one-hot (3), momentum (1), nesterov one-hot (2), lr (1)
        let adam: Configuration = ["optimizer": .string("adam"), "lr": .real(1)]
        #expect(s.encode(adam) == [0, 1, 0, SearchSpace.inactiveCoordinate, 0, 0, 1])
        #expect(s.decode(s.encode(adam)) == adam)
        // Whatever the momentum coordinates say, adam's point decodes without them.
        #expect(s.decode([0, 1, 0, 0.9, 1, 0, 1]) == adam)
        let sgd: Configuration = ["optimizer": .string("sgd"), "momentum": .real(0.9), "nesterov": .bool(false), "lr": .real(1)]
        #expect(s.decode(s.encode(sgd)) == sgd)
    }

    @Test func theCubeLayoutSnapsInactiveBlocksToTheirFixedPlace() {
        let s = Self.space
        let layout = CubeLayout(s)
        var x = [0.2, 0.9, 0.1, 0.8, 0.3, 0.7, 0.4]  // adam wins: momentum and nesterov are inactive
        layout.snap(&x)
        #expect(Array(x[0..<6]) == [0, 1, 0, SearchSpace.inactiveCoordinate, 0, 0])
        #expect(x == s.encode(s.decode(x)))
        var y = [0.9, 0.2, 0.1, 0.8, 0.3, 0.7, 0.4]  // sgd, momentum 0.9, nesterov false
        layout.snap(&y)
        #expect(y == s.encode(s.decode(y)))
        #expect(s.decode(y)["nesterov"] == .bool(false))
    }

    @Test func snappingAnyPointGivesTheEncodingOfItsConfiguration() {
        // Parents of every kind a condition may name: categorical, ordinal, integer (log too).
        let s = try! SearchSpace([
            Parameter("optimizer", .categorical([.string("sgd"), .string("adam")])),
            Parameter("batch", .ordinal([.int(64), .int(16), .int(256)])),
            Parameter("layers", .integer(low: 1, high: 6, log: true)),
            Parameter("momentum", .real(low: 0, high: 1, log: false), when: .equals("optimizer", .string("sgd"))),
            Parameter("warmup", .integer(low: 0, high: 9, log: false), when: Condition("batch", in: [.int(256)])),
            Parameter("width", .categorical([.int(8), .int(16)]), when: Condition("layers", in: [.int(1), .int(2)], negated: true)),
            Parameter("gap", .ordinal([.real(0.1), .real(0.2)]), when: .equals("warmup", .int(0))),
        ])
        let layout = CubeLayout(s)
        var rng = SplitMix64(seed: 11)
        var patterns = Set<[String]>()
        for _ in 0..<2000 {
            var x = (0..<s.encodedDimension).map { _ in rng.nextUnit() }
            layout.snap(&x)
            let c = s.decode(x)
            #expect(s.contains(c))
            #expect(x == s.encode(c), "\(c)")
            patterns.insert(c.values.keys.sorted())
        }
        #expect(patterns.count >= 8)
    }

    @Test func randomDrawsLeaveInactiveParametersOut() throws {
        let draws = try RandomStrategy().suggest(count: 200, context: SuggestionContext(space: Self.space, seed: 5))
        #expect(draws.allSatisfy(Self.space.contains))
        #expect(draws.contains { $0["momentum"] == nil } && draws.contains { $0["nesterov"] != nil })
        for d in draws { #expect((d["momentum"] != nil) == (d["optimizer"] == .string("sgd"))) }
    }

    @Test func gridEnumeratesTheTreeNotTheProduct() throws {
        let s = try SearchSpace([
            Parameter("optimizer", .categorical([.string("sgd"), .string("adam")])),
            Parameter("momentum", .ordinal([.real(0), .real(0.9)]), when: .equals("optimizer", .string("sgd"))),
            Parameter("lr", .ordinal([.real(0.1), .real(0.01)])),
        ])
        let text = try GridStrategy.points(of: s).map { c in
            s.names.compactMap { n in c[n].map { "\(n)=\($0.commandLineText)" } }.joined(separator: " ")
        }
        #expect(text == [
            "optimizer=sgd momentum=0.0 lr=0.1", "optimizer=sgd momentum=0.9 lr=0.1",
            "optimizer=sgd momentum=0.0 lr=0.01", "optimizer=sgd momentum=0.9 lr=0.01",
            "optimizer=adam lr=0.1", "optimizer=adam lr=0.01",
        ])
    }
}
