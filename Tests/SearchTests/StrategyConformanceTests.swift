import Testing
@testable import Search

/// The contract of `Strategy`, checked against every strategy. To put a new strategy under
/// the suite, add one line to `StrategyFactory.all`.
@Suite("Strategy conformance")
struct StrategyConformanceTests {
    // MARK: Properties of a single call

    @Test(arguments: StrategyFactory.all)
    func suggestionsLieInTheSpace(_ factory: StrategyFactory) throws {
        let next = try factory.suggest(ConformanceSpaces.mixed, count: 8)
        #expect(next.count == 8)
        #expect(next.allSatisfy(ConformanceSpaces.mixed.contains))
    }

    @Test(arguments: StrategyFactory.all)
    func aSeedFixesTheSuggestions(_ factory: StrategyFactory) throws {
        let history = try ConformanceSpaces.history(in: ConformanceSpaces.mixed, count: 12)
        let a = try factory.suggest(ConformanceSpaces.mixed, count: 4, seed: 99, completed: history)
        let b = try factory.suggest(ConformanceSpaces.mixed, count: 4, seed: 99, completed: history)
        #expect(a == b)
        #expect(a.count == 4)
    }

    @Test(arguments: StrategyFactory.all)
    func aBatchHoldsNoDuplicates(_ factory: StrategyFactory) throws {
        for space in [ConformanceSpaces.mixed, ConformanceSpaces.discrete] {
            let batch = try factory.suggest(space, count: 16)
            #expect(batch.count == 16)
            #expect(Set(batch).count == batch.count)
        }
    }

    @Test(arguments: StrategyFactory.all)
    func pendingConfigurationsAreNotSuggestedAgain(_ factory: StrategyFactory) throws {
        let space = ConformanceSpaces.discrete
        let pending = Array(try GridStrategy.points(of: space).shuffledDeterministically(seed: 1).prefix(15))
        let next = try factory.suggest(space, count: 9, pending: pending)
        #expect(next.count == 9)
        #expect(Set(next).isDisjoint(with: pending))
        #expect(Set(next).count == 9)
    }

    @Test(arguments: StrategyFactory.all)
    func completedConfigurationsAreNotSuggestedAgain(_ factory: StrategyFactory) throws {
        let space = ConformanceSpaces.discrete
        let completed = try ConformanceSpaces.history(in: space, count: 15)
        let next = try factory.suggest(space, count: 9, completed: completed)
        #expect(next.count == 9)
        #expect(Set(next).isDisjoint(with: completed.map(\.configuration)))
    }

    @Test(arguments: StrategyFactory.all)
    func zeroCountSuggestsNothing(_ factory: StrategyFactory) throws {
        #expect(try factory.suggest(ConformanceSpaces.mixed, count: 0).isEmpty)
    }

    // MARK: Awkward observations

    /// NaN, infinite, failed and pruned trials among the finished ones: the strategy neither
    /// crashes nor proposes anything invalid.
    @Test(arguments: StrategyFactory.all, [ConformanceSpaces.mixed, ConformanceSpaces.discrete])
    func awkwardOutcomesAreHandled(_ factory: StrategyFactory, space: SearchSpace) throws {
        var history = try ConformanceSpaces.history(in: space, count: 14)
        let awkward: [Outcome] = [.value(.nan), .value(.infinity), .value(-.infinity), .failed,
                                  .pruned(value: nil), .pruned(value: 0.25), .value(.nan)]
        for (i, outcome) in awkward.enumerated() { history[2 * i].outcome = outcome }
        for goal in Goal.allCases {
            let next = try factory.suggest(space, count: 4, goal: goal, completed: history)
            #expect(next.count == 4)
            #expect(next.allSatisfy(space.contains))
            #expect(Set(next).isDisjoint(with: history.map(\.configuration)))
        }
    }

    @Test(arguments: StrategyFactory.all)
    func onlyFailedTrialsSoFarIsNoObstacle(_ factory: StrategyFactory) throws {
        let history = try ConformanceSpaces.history(in: ConformanceSpaces.mixed, count: 10)
            .map { Observation($0.configuration, .failed) }
        let next = try factory.suggest(ConformanceSpaces.mixed, count: 3, completed: history)
        #expect(next.count == 3)
        #expect(next.allSatisfy(ConformanceSpaces.mixed.contains))
    }

    // MARK: Whole runs

    /// Asking one at a time and telling each result covers a discrete space without a repeat,
    /// then yields nothing.
    @Test(arguments: StrategyFactory.all, Goal.allCases)
    func aSequentialRunExhaustsADiscreteSpaceWithoutRepeats(_ factory: StrategyFactory, goal: Goal) throws {
        let space = ConformanceSpaces.discrete
        let size = try #require(space.cardinality)
        var completed: [Observation] = []
        for _ in 0..<size {
            let next = try factory.suggest(space, count: 1, goal: goal, completed: completed)
            try #require(next.count == 1)
            #expect(space.contains(next[0]))
            completed.append(Observation(next[0], .value(ConformanceSpaces.objective(space, next[0]))))
        }
        #expect(Set(completed.map(\.configuration)).count == size)
        #expect(try factory.suggest(space, count: 1, goal: goal, completed: completed).isEmpty)
    }

    /// Batches of three over the mixed space, with some trials still running between calls,
    /// as parallel workers would ask.
    @Test(arguments: StrategyFactory.all, Goal.allCases)
    func aBatchedRunOverAMixedSpaceStaysValid(_ factory: StrategyFactory, goal: Goal) throws {
        let space = ConformanceSpaces.mixed
        var completed: [Observation] = []
        var pending: [Configuration] = []
        for round in 0..<8 {
            let batch = try factory.suggest(space, count: 3, goal: goal, completed: completed, pending: pending)
            #expect(batch.count == 3)
            #expect(batch.allSatisfy(space.contains))
            #expect(Set(batch).count == 3)
            pending += batch
            // Finish the two oldest running trials; one stays pending into the next round.
            for c in pending.prefix(2) {
                let outcome: Outcome = round % 3 == 2 ? .failed : .value(ConformanceSpaces.objective(space, c))
                completed.append(Observation(c, outcome))
            }
            pending.removeFirst(2)
        }
    }

    @Test(arguments: StrategyFactory.all)
    func aSpaceOfConstantsHasOnePoint(_ factory: StrategyFactory) throws {
        let space = try SearchSpace([Parameter("a", .constant(.int(1))), Parameter("b", .constant(.string("x")))])
        let first = try factory.suggest(space, count: 3)
        #expect(first == [["a": .int(1), "b": .string("x")]])
        #expect(try factory.suggest(space, count: 3, completed: [Observation(first[0], .value(1))]).isEmpty)
    }

    /// Strategies that search continuous spaces do; grid refuses them with the typed error.
    @Test(arguments: StrategyFactory.all)
    func continuousSpacesAreSearchedOrRefused(_ factory: StrategyFactory) throws {
        let space = ConformanceSpaces.continuous
        if factory.searchesContinuousSpaces {
            let history = try ConformanceSpaces.history(in: space, count: 8)
            let next = try factory.suggest(space, count: 5, completed: history)
            #expect(next.count == 5)
            #expect(next.allSatisfy(space.contains))
            #expect(Set(next).count == 5)
        } else {
            #expect(throws: StrategyError.continuousParameterInGrid(parameter: "x")) {
                try factory.suggest(space, count: 5)
            }
        }
    }
}

/// The contract on a conditional space: every suggestion holds exactly its active parameters.
@Suite("Strategy conformance, conditional spaces")
struct StrategyConditionalConformanceTests {
    @Test(arguments: StrategyFactory.all, Goal.allCases)
    func aBatchedRunSuggestsOnlyTheActiveParameters(_ factory: StrategyFactory, goal: Goal) throws {
        let space = ConformanceSpaces.conditional
        var completed: [Observation] = []
        var branches = Set<String>()
        for round in 0..<5 {
            let batch = try factory.suggest(space, count: 6, goal: goal, seed: 3, completed: completed)
            #expect(batch.count == 6)
            for c in batch {
                #expect(space.contains(c), "round \(round): \(c)")
                #expect(ConformanceSpaces.holdsExactlyTheActive(space, c))
                branches.insert(c["optimizer"]!.commandLineText + (c["nesterov"].map { "-\($0)" } ?? ""))
            }
            completed += batch.map { Observation($0, .value(ConformanceSpaces.objective(space, $0))) }
        }
        #expect(Set(completed.map(\.configuration)).count == completed.count)
        #expect(branches.count >= 3, "\(branches)")
    }

    @Test(arguments: StrategyFactory.all.filter(\.searchesContinuousSpaces))
    func aBranchWithOnePointIsNotRepeated(_ factory: StrategyFactory) throws {
        // adam has no parameters of its own: one configuration, although the space is continuous.
        let space = try SearchSpace([
            Parameter("optimizer", .categorical([.string("sgd"), .string("adam")])),
            Parameter("momentum", .real(low: 0, high: 1, log: false), when: .equals("optimizer", .string("sgd"))),
        ])
        let batch = try factory.suggest(space, count: 8)
        let history = try factory.suggest(space, count: 4, completed: batch.map { Observation($0, .value(1)) })
        #expect(Set(batch).count == 8)
        #expect(Set(batch + history).count == 12)
    }

    @Test(arguments: StrategyFactory.all)
    func aSequentialRunExhaustsTheTreeWithoutRepeats(_ factory: StrategyFactory) throws {
        let space = ConformanceSpaces.conditionalDiscrete
        #expect(space.cardinality == 12)
        var completed: [Observation] = []
        for _ in 0..<12 {
            let next = try factory.suggest(space, count: 1, completed: completed)
            #expect(next.count == 1)
            completed += next.map { Observation($0, .value(ConformanceSpaces.objective(space, $0))) }
        }
        #expect(Set(completed.map(\.configuration)) == Set(try GridStrategy.points(of: space)))
        #expect(try factory.suggest(space, count: 1, completed: completed).isEmpty)
    }
}
