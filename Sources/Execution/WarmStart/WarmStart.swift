import Foundation

/// Reads the finished trials of earlier runs in the same root as priors for a new run
/// (`--warm-start RUN`, `warm_start:`): mapped onto its space (`PriorMapping`), with the
/// values of its constrained metrics and of its later objectives (a run with several). Only succeeded trials with a finite objective are
/// read: a failure in another run says little about this one (a changed command, a fixed bug).
public enum WarmStart {
    /// The sources, in the order named.
    /// - Throws: `WarmStartError` when a run is missing, named twice, or optimized another
    ///   metric or in the other direction.
    public static func read(_ runs: [String], root: String, spec: SweepSpec) throws -> [WarmStartSource] {
        var out: [WarmStartSource] = []
        for name in runs {
            if out.contains(where: { $0.run == name }) { throw WarmStartError.repeated(run: name) }
            let layout = try RunLayout(root: root, name: name)
            let store: RunStore
            do {
                store = try RunStore.open(layout: layout, readOnly: true)
            } catch {
                switch error {
                case .runNotFound: throw WarmStartError.runNotFound(run: name, root: root)
                // A run an older hpo made: its schema is brought up to date, as `hpo resume` would.
                case .olderSchema: store = try RunStore.open(layout: layout)
                default: throw error
                }
            }
            let info = try store.run()
            guard info.metric == spec.metric.name, info.goal == spec.metric.goal else {
                throw WarmStartError.differentObjective(run: name, theirs: "\(info.goal.rawValue) \(info.metric)",
                                                        ours: "\(spec.metric.goal.rawValue) \(spec.metric.name)")
            }
            // The constrained metrics' and the later objectives' last values, read as this run
            // reads its own trials'; a metric the other run never stored is NaN (a trial without
            // a later objective is left out of that objective's model only).
            let constrained = spec.constraints.map(\.metric)
            let read = constrained + spec.furtherMetrics.map(\.name)
            let finished = try store.succeededTrials(withLastValuesOf: read)
            var source = WarmStartSource(run: name, finished: finished.count, priors: [], dropped: [:])
            for (trial, stored) in finished {
                let values = stored.count == read.count ? stored : [Double](repeating: .nan, count: read.count)
                switch PriorMapping.map(trial.configuration, into: spec.space) {
                case .success(let configuration):
                    var observation = Observation(configuration, .value(trial.objective!))
                    observation.constraintValues = Array(values.prefix(constrained.count))
                    observation.furtherValues = Array(values.dropFirst(constrained.count))
                    source.priors.append(.init(trial: trial.number, observation: observation))
                case .failure(let reason):
                    source.dropped[reason, default: 0] += 1
                }
            }
            out.append(source)
        }
        return out
    }
}

/// Why a run cannot be warm-started from another.
public enum WarmStartError: Error, Equatable, CustomStringConvertible {
    /// No run of that name in the root.
    case runNotFound(run: String, root: String)
    /// The same run named twice.
    case repeated(run: String)
    /// The other run optimized another metric, or in the other direction.
    case differentObjective(run: String, theirs: String, ours: String)

    public var description: String {
        switch self {
        case .runNotFound(let run, let root):
            return "--warm-start \(run): no run named '\(run)' in \(root) (warm starts read runs of the same root)"
        case .repeated(let run):
            return "--warm-start \(run): named twice; give each run once"
        case .differentObjective(let run, let theirs, let ours):
            return "--warm-start \(run): that run's trials \(theirs), this run's \(ours); their values would mislead "
                + "the model, so it is refused (warm-start from a run with the same --metric and --goal)"
        }
    }
}

extension WarmStartError: BadInputError {}
