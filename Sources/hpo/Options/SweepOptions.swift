import ArgumentParser
import Foundation
import Search
import SweepConfig

/// The options `hpo run` and `hpo search` share. Each one given overrides the sweep file.
struct SweepOptions: ParsableArguments {
    @Option(help: ArgumentHelp("grid, random, bayes or tpe (default: grid, or the sweep file's).", valueName: "name"))
    var strategy: String?

    @Option(help: ArgumentHelp("How many trials (default: the whole grid; random and bayes need it).", valueName: "n"))
    var trials: Int?

    /// Grid.ai's spelling of `--trials`, understood so that a Grid.ai command works as it is.
    @Option(name: .customLong("num_trials"), help: .hidden)
    var numTrials: Int?

    @Option(help: ArgumentHelp("The run's seed: fixes random suggestions and pre-sampled draws such as uniform(0, 1, 5) (default: the sweep file's, else a fresh one for each new run, shown when it starts).", valueName: "n"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("The metric trials report to be optimized, name or name:min / name:max (default: objective); "
                               + "repeat for several objectives (the first is the one early stopping follows).",
                               valueName: "name[:goal]"))
    var metric: [String] = []

    @Option(help: ArgumentHelp("minimize or maximize the (first) metric (default: minimize).", valueName: "goal"))
    var goal: String?

    @Option(help: ArgumentHelp("How many trials run at once (default: 1).", valueName: "n"))
    var parallel: Int?

    @Option(help: ArgumentHelp("GPU device ids trials may use, e.g. 0,1,2,3, or all (from CUDA_VISIBLE_DEVICES or nvidia-smi).", valueName: "ids"))
    var gpus: String?

    @Option(help: ArgumentHelp("GPUs each trial gets (default: 1).", valueName: "k"))
    var gpusPerTrial: Int?

    @Option(help: ArgumentHelp("Trials that may share one GPU (default: 1).", valueName: "m"))
    var trialsPerGpu: Int?

    @Option(help: ArgumentHelp("Where runs are kept (default: $HPO_ROOT, else ./runs).", valueName: "dir"))
    var root: String?

    @Option(help: ArgumentHelp("Stop a trial running longer than this: 90, 30s, 5m, 2h.", valueName: "duration"))
    var timeout: String?

    @Option(help: ArgumentHelp("Stop a trial that writes no output and no metric for this long.", valueName: "duration"))
    var stallTimeout: String?

    @Option(help: ArgumentHelp("How long a stopped trial may take to exit after SIGTERM before SIGKILL (default: 10s).", valueName: "duration"))
    var grace: String?

    @Option(help: ArgumentHelp("A trial's objective from its reports: last, min, max or best (default: last).", valueName: "how"))
    var objective: String?

    @Option(help: ArgumentHelp("Also read metrics from stdout with this regex (groups name and value, or value); 'default' reads name=value and name: value.", valueName: "regex"))
    var metricPattern: String?

    @Option(help: ArgumentHelp("Stop trials early: median, asha, hyperband or threshold prune hopeless ones; patience ends one that stopped improving (succeeded, with its best value).", valueName: "rule"))
    var earlyStopping: String?

    @Option(help: ArgumentHelp("Early stopping: steps below this are never stopped (median, threshold, patience).", valueName: "n"))
    var warmupSteps: Int?

    @Option(help: ArgumentHelp("Early stopping: other trials that must have reached a step first (median; default 5).", valueName: "n"))
    var minTrials: Int?

    @Option(help: ArgumentHelp("Early stopping: the step of the first rung (default: asha a tenth of --max-resource, at least 1; hyperband 1).", valueName: "n"))
    var minResource: Int?

    @Option(help: ArgumentHelp("Early stopping: η, the top 1/η continue at each rung (asha, hyperband; default 3).", valueName: "n"))
    var reductionFactor: Int?

    @Option(help: ArgumentHelp("Early stopping: the steps a full trial runs (asha; hyperband needs it).", valueName: "n"))
    var maxResource: Int?

    @Option(help: ArgumentHelp("Early stopping: the worst acceptable value (threshold).", valueName: "x"))
    var bound: Double?

    @Option(help: ArgumentHelp("Early stopping: steps a trial may go without improving (patience).", valueName: "n"))
    var patience: Int?

    @Option(help: ArgumentHelp("Early stopping: the smallest change that counts as an improvement (patience; default 0).", valueName: "x"))
    var minDelta: Double?

    @Option(help: ArgumentHelp("Stop launching after this many failed trials (default: 5 failures that are over half of the finished trials).", valueName: "n"))
    var maxFailures: Int?

    @Option(help: ArgumentHelp("Run a failed trial (exit code other than 0 and 3) again up to n more times (default: 0).", valueName: "n"))
    var retries: Int?

    @Option(help: ArgumentHelp("Run a preempted trial (exit 75, or killed by SIGKILL or SIGTERM from outside) again at most n times (default: 10).", valueName: "n"))
    var maxPreemptions: Int?

    @Flag(help: "Go on launching when a trial exits 0 without the --metric before any trial reported it (by default the sweep stops: the name is most likely wrong).")
    var allowMissingMetric = false

    @Option(help: ArgumentHelp("A name for the run.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("The directory copied into the run for the trials to run in (default: the current directory).", valueName: "dir"))
    var workspace: String?

    @Flag(help: "Run the trials in the workspace itself instead of in a snapshot of it.")
    var noSnapshot = false

    @Option(help: ArgumentHelp("Warn before copying a workspace larger than this: 500M, 2G (default: 1G).", valueName: "size"))
    var snapshotLimit: String?

    @Option(help: ArgumentHelp("A dataset directory every trial gets as HPO_DATA_<NAME>, never copied (repeatable).", valueName: "name=path"))
    var datastore: [String] = []

    @Option(help: ArgumentHelp("Where trials run: local (processes on this machine, the default) or slurm (one job each).", valueName: "name"))
    var backend: String?

    @Option(help: ArgumentHelp("Slurm: the partition of the trials' jobs.", valueName: "name"))
    var partition: String?

    @Option(help: ArgumentHelp("Slurm: the account the jobs are charged to.", valueName: "name"))
    var account: String?

    @Option(help: ArgumentHelp("Slurm: the jobs' quality of service.", valueName: "name"))
    var qos: String?

    @Option(help: ArgumentHelp("Slurm: each job's time limit, in Slurm's forms (30, 2:00:00, 1-00:00:00).", valueName: "time"))
    var slurmTime: String?

    @Option(help: ArgumentHelp("An outcome constraint on a metric trials report, \"peak_memory_gb <= 16\" or "
                               + "\"accuracy >= 0.9\" (repeat for several); a trial that violates one is infeasible, never "
                               + "the best. A value without <= or >= is Slurm's node features (sbatch --constraint).",
                               valueName: "constraint"))
    var constraint: [String] = []

    @Option(help: ArgumentHelp("Slurm: CPUs each trial's job gets (--cpus-per-task).", valueName: "n"))
    var cpusPerTrial: Int?

    @Option(help: ArgumentHelp("Slurm: memory each trial's job gets per node (--mem), e.g. 32G.", valueName: "size"))
    var memPerTrial: String?

    @Option(help: ArgumentHelp("Slurm: one more sbatch argument for every job, e.g. --sbatch-arg=--exclusive (repeatable).", valueName: "arg"))
    var sbatchArg: [String] = []

    @Option(help: ArgumentHelp("Nodes each trial spans (Slurm; default 1).", valueName: "n"))
    var nodes: Int?

    @Option(help: ArgumentHelp("Processes (ranks) each trial runs per node, with RANK, LOCAL_RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT set (default 1).", valueName: "m"))
    var ranksPerNode: Int?

    @Option(help: ArgumentHelp("How ranks start: torchrun (one process each, the variables set) or mpi (srun --mpi, or mpirun).", valueName: "name"))
    var launcher: String?

    @Flag(help: "Slurm: submit the controller itself as a small Slurm job and return; the sweep goes on without this terminal.")
    var detach = false

    @Flag(help: "Print the trials that would run, one command line each, without running anything.")
    var dryRun = false

    /// The long options of this group, for "did you mean" hints.
    static let optionNames = ["--strategy", "--trials", "--num_trials", "--seed", "--metric", "--goal", "--parallel", "--gpus",
                              "--gpus-per-trial", "--trials-per-gpu", "--root", "--timeout", "--stall-timeout",
                              "--grace", "--objective", "--metric-pattern", "--max-failures", "--retries", "--max-preemptions",
                              "--early-stopping", "--warmup-steps", "--min-trials", "--min-resource", "--reduction-factor",
                              "--max-resource", "--bound", "--patience", "--min-delta", "--name", "--dry-run",
                              "--workspace", "--no-snapshot", "--snapshot-limit", "--datastore",
                              "--backend", "--partition", "--account", "--qos", "--slurm-time", "--constraint",
                              "--cpus-per-trial", "--mem-per-trial", "--sbatch-arg", "--nodes", "--ranks-per-node",
                              "--launcher", "--detach",
                              "--help"]

    /// The error for an unrecognized option in front of the command, with a hint.
    static func unknownOption(_ option: String, command: String, extra: [String] = []) -> InputError {
        let name = String(option.prefix { $0 != "=" })
        let hint = NameSuggestion.closest(to: name, among: optionNames + extra).map { "; did you mean \($0)?" } ?? ""
        return InputError("unknown option '\(name)'\(hint) (see hpo \(command) --help)")
    }

    /// A seed for a new run that gives none (`--seed`, the file's `seed:`): drawn from the
    /// system's randomness, so two runs do not try the same configurations; below 2³² so it
    /// is short to type back as `--seed N`. Stored with the run (a resumed run keeps it).
    static func freshSeed() -> UInt64 { UInt64.random(in: 0..<(1 << 32)) }

    /// The options as overrides of a sweep, each checked.
    func overrides() throws -> SweepOverrides {
        if trials != nil && numTrials != nil {
            throw InputError("--trials and --num_trials (Grid.ai's name for it): give one")
        }
        let trials = self.trials ?? numTrials
        var o = SweepOverrides(name: name, trials: trials, seed: seed, parallel: parallel)
        if let strategy {
            guard let kind = StrategyKind(name: strategy) else {
                let hint = NameSuggestion.closest(to: strategy, among: StrategyKind.allCases.map(\.rawValue))
                    .map { "; did you mean \($0)?" } ?? ""
                throw InputError("--strategy \"\(strategy)\": unknown strategy; choose grid, random, bayes or tpe\(hint)")
            }
            o.strategy = kind
        }
        if let goal {
            guard let g = Goal(rawValue: goal) else { throw InputError("--goal \"\(goal)\": choose minimize or maximize") }
            o.goal = g
        }
        try applyMetrics(to: &o)
        if let trials, trials < 1 { throw InputError("--trials \(trials): must be at least 1") }
        if let parallel, parallel < 1 { throw InputError("--parallel \(parallel): must be at least 1") }
        let outcome = constraint.filter(Self.isOutcomeConstraint)
        if !outcome.isEmpty {
            o.constraints = try outcome.map { text in
                do {
                    return try OutcomeConstraint(parsing: text)
                } catch {
                    throw InputError("--\(error)")
                }
            }
        }
        if let gpus, gpus.trimmingCharacters(in: .whitespaces) != "all" {
            do throws(GPUList.Problem) {
                o.gpus = try GPUList.parse(gpus)
            } catch .ambiguous(let n) {
                throw InputError(GPUList.spellings(for: n))
            } catch {
                throw InputError("--gpus \"\(gpus)\": list distinct device ids, e.g. 0,1,2,3")
            }
        }
        return o
    }
}
