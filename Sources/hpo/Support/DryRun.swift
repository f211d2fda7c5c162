import Search
import SweepConfig

/// What `--dry-run` prints: each planned trial as a command line a shell would run the same
/// way (quoted only where needed; control characters escaped in bash's `$'…'`), then how
/// many there are. Nothing is started.
enum DryRun {
    /// The lines of a dry run of `spec`. For Bayesian search, with no results yet, these are
    /// the strategy's initial design.
    static func lines(for spec: SweepSpec, strategy: any Strategy) throws -> [String] {
        let trials = try spec.plannedTrials(using: strategy)
        let count = trials.count == 1 ? "1 trial" : "\(trials.count) trials"
        return trials.map { ShellQuoting.display($0.argv) } + ["\(count) (dry run: nothing was started)"]
    }
}
