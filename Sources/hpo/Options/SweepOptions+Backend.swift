import Execution
import Foundation

/// Where trials run: `--backend` and the Slurm and rank options, over the sweep file's
/// `backend:`, `nodes:`, `ranks_per_node:` and `launcher:`.
extension SweepOptions {
    /// True for `--constraint` values that bound a metric (they hold `<` or `>`); the others
    /// are Slurm's node features, whose syntax (`a100&ib`, `[rack1|rack2]`) has neither.
    static func isOutcomeConstraint(_ text: String) -> Bool { text.contains("<") || text.contains(">") }

    /// The `--constraint` values that are Slurm node features.
    var slurmFeatures: [String] { constraint.filter { !Self.isOutcomeConstraint($0) } }

    /// True when a Slurm or rank option is given.
    var givesSlurmSettings: Bool {
        partition != nil || account != nil || qos != nil || slurmTime != nil || !slurmFeatures.isEmpty
            || cpusPerTrial != nil || memPerTrial != nil || !sbatchArg.isEmpty
    }

    /// The flags written into `spec`, each checked; `Sweep.prepare` checks the result (ranks
    /// on a local backend) as it checks a sweep file.
    func applyBackend(to spec: inout SweepSpec) throws {
        if let backend {
            guard let kind = SweepBackend.Kind(rawValue: backend) else {
                throw InputError("--backend \"\(backend)\": choose local or slurm")
            }
            if spec.backend?.kind != kind { spec.backend = SweepBackend(kind: kind) }
        }
        if givesSlurmSettings || (gpusPerTrial != nil && spec.backend?.kind == .slurm) {
            guard var slurm = spec.backend, slurm.kind == .slurm else {
                throw InputError("--partition, --account, --qos, --slurm-time, --constraint, --cpus-per-trial, --mem-per-trial "
                                 + "and --sbatch-arg need --backend slurm")
            }
            if let partition { slurm.partition = partition }
            if let account { slurm.account = account }
            if let qos { slurm.qos = qos }
            if let slurmTime { slurm.time = slurmTime }
            if slurmFeatures.count > 1 {
                throw InputError("--constraint: Slurm takes one node-feature expression, got \(slurmFeatures.count) "
                                 + "(join them with & or |; an outcome constraint needs <= or >=)")
            }
            if let features = slurmFeatures.first { slurm.constraint = features }
            if let gpusPerTrial { slurm.gpusPerTrial = try Self.positive(gpusPerTrial, "--gpus-per-trial") }
            if let cpusPerTrial { slurm.cpusPerTrial = try Self.positive(cpusPerTrial, "--cpus-per-trial") }
            if let memPerTrial { slurm.memoryPerTrial = memPerTrial }
            if !sbatchArg.isEmpty { slurm.extraArguments = sbatchArg }
            spec.backend = slurm
        }
        if let nodes { spec.nodes = try Self.positive(nodes, "--nodes") }
        if let ranksPerNode { spec.ranksPerNode = try Self.positive(ranksPerNode, "--ranks-per-node") }
        if let launcher {
            guard RankLayout.Launcher(rawValue: launcher) != nil else {
                throw InputError("--launcher \"\(launcher)\": choose torchrun or mpi")
            }
            spec.launcher = launcher
        }
    }

    /// `value`, or an error naming `option` when it is below 1.
    static func positive(_ value: Int, _ option: String) throws -> Int {
        guard value >= 1 else { throw InputError("\(option) \(value): must be at least 1") }
        return value
    }
}
