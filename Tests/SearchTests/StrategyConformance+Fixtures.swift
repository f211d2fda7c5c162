import Foundation
import Testing
@testable import Search

/// A strategy under the conformance suite: how to make one and what it can search.
struct StrategyFactory: Sendable, CustomTestStringConvertible {
    /// The strategy's name in test reports.
    let name: String
    /// False for grid, which refuses continuous parameters without `gridPoints`.
    let searchesContinuousSpaces: Bool
    /// With 2, every call gets a second objective (`ConformanceSpaces.secondObjective`,
    /// minimized) in the context and in every completed observation.
    let objectives: Int
    let make: @Sendable () -> any Strategy

    init(_ name: String, searchesContinuousSpaces: Bool = true, objectives: Int = 1,
         _ make: @escaping @Sendable () -> any Strategy) {
        self.name = name
        self.searchesContinuousSpaces = searchesContinuousSpaces
        self.objectives = objectives
        self.make = make
    }

    var testDescription: String { name }

    /// Every strategy the suite checks: add a line here to put a new one under it.
    static let all: [StrategyFactory] = [
        StrategyFactory("grid", searchesContinuousSpaces: false) { GridStrategy() },
        StrategyFactory("random") { RandomStrategy() },
        StrategyFactory("tpe") { TPEStrategy() },
        StrategyFactory("bayes") { BayesStrategy(options: .init(candidateCount: 300, localCandidateCount: 100, refineStarts: 1, refineIterations: 10)) },
        StrategyFactory("bayes, local penalization") { BayesStrategy(options: .init(candidateCount: 300, localCandidateCount: 100, refineStarts: 1, refineIterations: 10, batch: .localPenalization)) },
        StrategyFactory("bayes, Thompson sampling") { BayesStrategy(options: .init(candidateCount: 300, localCandidateCount: 100, refineStarts: 1, refineIterations: 10, batch: .thompsonSampling)) },
        StrategyFactory("bayes, two objectives", objectives: 2) { BayesStrategy(options: .init(candidateCount: 300, localCandidateCount: 100)) },
        StrategyFactory("tpe, two objectives", objectives: 2) { TPEStrategy() },
    ]

    /// One call of a fresh strategy.
    func suggest(_ space: SearchSpace, count: Int, goal: Goal = .minimize, seed: UInt64 = 7,
                 completed: [Observation] = [], pending: [Configuration] = []) throws -> [Configuration] {
        var context = SuggestionContext(space: space, goal: goal, seed: seed, completed: completed, pending: pending)
        if objectives > 1 {
            context.furtherGoals = [Goal](repeating: .minimize, count: objectives - 1)
            for i in context.completed.indices where space.contains(context.completed[i].configuration) {
                let value = ConformanceSpaces.secondObjective(space, context.completed[i].configuration)
                context.completed[i].furtherValues = [Double](repeating: value, count: objectives - 1)
            }
        }
        return try make().suggest(count: count, context: context)
    }
}

/// The spaces of the conformance suite.
enum ConformanceSpaces {
    /// Every kind of domain. Reals carry `gridPoints` so grid can enumerate them
    /// (3·3·4·4·3·3·1 = 1,296 points); the other strategies ignore it and search them continuously.
    static let mixed = try! SearchSpace([
        Parameter("momentum", .real(low: 0, high: 0.99, log: false), gridPoints: 3),
        Parameter("lr", .real(low: 1e-5, high: 1e-1, log: true), gridPoints: 3),
        Parameter("layers", .integer(low: 1, high: 4, log: false)),
        Parameter("width", .integer(low: 8, high: 512, log: true), gridPoints: 4),
        Parameter("optimizer", .categorical([.string("sgd"), .string("adam"), .string("rmsprop")])),
        Parameter("batch", .ordinal([.int(64), .int(16), .int(256)])),
        Parameter("seed", .constant(.int(0))),
    ])

    /// Finite domains only: 3·2·2·2·1 = 24 points (a log integer, an integer, a categorical,
    /// an ordinal, a constant).
    static let discrete = try! SearchSpace([
        Parameter("width", .integer(low: 1, high: 3, log: true)),
        Parameter("layers", .integer(low: 0, high: 1, log: false)),
        Parameter("activation", .categorical([.string("relu"), .string("tanh")])),
        Parameter("batch", .ordinal([.int(32), .int(8)])),
        Parameter("task", .constant(.string("cifar"))),
    ])

    /// Conditional parameters: `momentum` and `nesterov` only under sgd, `beta2` under adam
    /// or rmsprop, `dampening` only where `nesterov` is false (a chain). Grid enumerates the
    /// tree: sgd 3·(1 + 2)·3 + adam/rmsprop 2·3·3 = 45 points.
    static let conditional = try! SearchSpace([
        Parameter("optimizer", .categorical([.string("sgd"), .string("adam"), .string("rmsprop")])),
        Parameter("momentum", .real(low: 0, high: 0.99, log: false), gridPoints: 3, when: .equals("optimizer", .string("sgd"))),
        Parameter("nesterov", .categorical([.bool(true), .bool(false)]), when: .equals("optimizer", .string("sgd"))),
        Parameter("dampening", .ordinal([.real(0), .real(0.5)]), when: .equals("nesterov", .bool(false))),
        Parameter("beta2", .real(low: 0.9, high: 0.9999, log: true), gridPoints: 3,
                  when: Condition("optimizer", in: [.string("adam"), .string("rmsprop")])),
        Parameter("lr", .real(low: 1e-5, high: 1e-1, log: true), gridPoints: 3),
    ])

    /// A finite conditional space: 2 layers × (3 momenta under sgd + adam alone + 2 `centered`
    /// under rmsprop, the `not in` case) = 12 points.
    static let conditionalDiscrete = try! SearchSpace([
        Parameter("optimizer", .categorical([.string("sgd"), .string("adam"), .string("rmsprop")])),
        Parameter("layers", .integer(low: 1, high: 2, log: false)),
        Parameter("momentum", .ordinal([.real(0), .real(0.5), .real(0.9)]), when: .equals("optimizer", .string("sgd"))),
        Parameter("centered", .categorical([.bool(true), .bool(false)]),
                  when: Condition("optimizer", in: [.string("sgd"), .string("adam")], negated: true)),
    ])

    /// True when `configuration` holds exactly the parameters active under its own values.
    static func holdsExactlyTheActive(_ space: SearchSpace, _ configuration: Configuration) -> Bool {
        var active: [String: ParameterValue] = [:]
        for p in space.parameters where space.isActive(p, given: active) { active[p.name] = configuration[p.name] }
        return Set(active.keys) == Set(configuration.values.keys)
    }

    /// Reals without `gridPoints`, which grid cannot enumerate.
    static let continuous = try! SearchSpace([
        Parameter("x", .real(low: -5, high: 10, log: false)),
        Parameter("c", .real(low: 1e-3, high: 1e3, log: true)),
    ])

    /// A smooth test objective over the unit cube: the squared distance to (0.3, 0.3, …).
    static func objective(_ space: SearchSpace, _ configuration: Configuration) -> Double {
        space.encode(configuration).reduce(0) { $0 + ($1 - 0.3) * ($1 - 0.3) }
    }

    /// A second objective in conflict with `objective`: the squared distance to (0.7, 0.7, …).
    static func secondObjective(_ space: SearchSpace, _ configuration: Configuration) -> Double {
        space.encode(configuration).reduce(0) { $0 + ($1 - 0.7) * ($1 - 0.7) }
    }

    /// `count` distinct random configurations of `space`, each with its objective value.
    static func history(in space: SearchSpace, count: Int, seed: UInt64 = 1234) throws -> [Observation] {
        try RandomStrategy().suggest(count: count, context: SuggestionContext(space: space, seed: seed))
            .map { Observation($0, .value(objective(space, $0))) }
    }
}

extension Array {
    /// A Fisher–Yates shuffle driven by SplitMix64, so tests get the same order everywhere.
    func shuffledDeterministically(seed: UInt64) -> [Element] {
        var rng = SplitMix64(seed: seed)
        return shuffled(using: &rng)
    }
}
