import Search

/// One of hpo's methods in the multi-fidelity benchmark: a strategy and a successive-halving
/// rule, built afresh for each run.
public struct MultiFidelityMethod: Sendable {
    /// Its name in tables and on the command line.
    public let name: String
    /// The strategy's options when it is Bayesian; nil for random search.
    public let bayes: BayesStrategy.Options?
    /// True for Hyperband, false for ASHA.
    public let hyperband: Bool

    /// The rungs of every method: r = `minResource`, η = `reductionFactor`, R = the task's length.
    public struct Rungs: Sendable {
        public var minResource = 1
        public var reductionFactor = 3
        public init(minResource: Int = 1, reductionFactor: Int = 3) {
            self.minResource = minResource
            self.reductionFactor = reductionFactor
        }
    }

    /// Random search with ASHA (`hpo-random-asha`), then Bayes with ASHA for every
    /// `BayesStrategy.Options.MultiFidelity` case (`hpo-bayes-asha-off` is the behaviour before
    /// curves reached the strategy, the baseline), then Bayes with Hyperband for every case
    /// but `off`. A case added to the library is benchmarked without a change here.
    public static func all(bayes base: BayesStrategy.Options = .init()) -> [MultiFidelityMethod] {
        let cases = BayesStrategy.MultiFidelity.allCases
        func bayes(_ mode: BayesStrategy.MultiFidelity) -> BayesStrategy.Options {
            var options = base
            options.multiFidelity = mode
            return options
        }
        return [MultiFidelityMethod(name: "hpo-random-asha", bayes: nil, hyperband: false)]
            + cases.map { MultiFidelityMethod(name: "hpo-bayes-asha-\($0.rawValue)", bayes: bayes($0), hyperband: false) }
            + cases.filter { $0 != .off }.map {
                MultiFidelityMethod(name: "hpo-bayes-hyperband-\($0.rawValue)", bayes: bayes($0), hyperband: true)
            }
    }

    /// The rule for a task of `length` steps.
    /// - Throws: `EarlyStoppingError.invalidOption` for rungs the rule refuses.
    public func rule(length: Int, rungs: Rungs) throws -> any EarlyStopping {
        hyperband
            ? try Hyperband(minResource: rungs.minResource, maxResource: length, reductionFactor: rungs.reductionFactor)
            : try SuccessiveHalving(minResource: rungs.minResource, reductionFactor: rungs.reductionFactor,
                                    maxResource: length)
    }

    /// A fresh study of this method on `task` with `seed`.
    public func study(for task: LearningCurveTask, seed: UInt64, rungs: Rungs) throws -> Study {
        try Study(space: task.space, strategy: bayes.map { .bayes($0) } ?? .random, goal: .minimize, seed: seed,
                  earlyStopping: rule(length: task.length, rungs: rungs))
    }
}
