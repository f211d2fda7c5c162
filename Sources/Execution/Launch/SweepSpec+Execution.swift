import Foundation

/// What a sweep file says about how its trials run, as the run uses it: the backend, the
/// ranks of a trial, the early-stopping rule, the datastores. `Sweep.prepare` and
/// `Sweep.resume` read them here, so a run started or resumed from Swift runs exactly as one
/// of `hpo search` or `hpo resume`.
extension SweepSpec {
    /// The backend this sweep names (`backend:`): local processes unless it says `slurm`.
    public var backendChoice: BackendChoice {
        guard let backend, backend.kind == .slurm else { return .local }
        return .slurm(SlurmOptions(partition: backend.partition, account: backend.account, qos: backend.qos,
                                   timeLimit: backend.time, constraint: backend.constraint,
                                   gpusPerTrial: backend.gpusPerTrial, cpusPerTrial: backend.cpusPerTrial,
                                   memoryPerTrial: backend.memoryPerTrial, extraArguments: backend.extraArguments))
    }

    /// The processes of each trial (`nodes:`, `ranks_per_node:`, `launcher:`), checked.
    /// - Throws: `RankLayoutError` for counts below 1, an unknown launcher, or several nodes
    ///   of a local trial.
    public func rankLayout() throws(RankLayoutError) -> RankLayout {
        guard let launcher = RankLayout.Launcher(rawValue: launcher) else {
            throw .invalid("--launcher \"\(launcher)\": choose torchrun or mpi")
        }
        let layout = RankLayout(nodes: nodes, ranksPerNode: ranksPerNode, launcher: launcher)
        try layout.validate(localBackend: backendChoice == .local)
        return layout
    }

    /// The early-stopping rule of `early_stopping:`, built and checked; nil without one.
    public func earlyStoppingRule() throws(EarlyStoppingError) -> (any EarlyStopping)? {
        try earlyStopping?.makeRule()
    }

    /// The datastores of `datastores:` (relative paths from `directory`), with `given` over
    /// them: an entry of `given` replaces the file's entry of the same name, as a
    /// `--datastore` flag does. Each is checked to be a readable directory.
    public func datastores(over given: [Datastore],
                           relativeTo directory: String = FileManager.default.currentDirectoryPath)
        throws(DatastoreError) -> [Datastore] {
        var file: [Datastore] = []
        for entry in datastores { file.append(try Datastore(name: entry.name, path: entry.path, relativeTo: directory)) }
        let result = Datastore.merged(file, over: given)
        for datastore in result { try datastore.check() }
        return result
    }

    /// This sweep as its run ran it: where the store recorded another strategy, or the run's
    /// settings another backend or ranks (a run an older hpo started from Swift with a
    /// strategy object or options of its own), the record wins, so that `Sweep.resume`
    /// compares what is given with what actually ran.
    func asRun(strategy name: String, settings: RunSettings?) -> SweepSpec {
        var spec = self
        if let kind = StrategyKind(rawValue: name) { spec.strategy = kind }
        guard let settings else { return spec }
        let backend = settings.backend ?? .local
        if backend != backendChoice {
            switch backend {
            case .local:
                spec.backend = nil
            case .slurm(let slurm):
                var recorded = SweepBackend(kind: .slurm)
                recorded.partition = slurm.partition
                recorded.account = slurm.account
                recorded.qos = slurm.qos
                recorded.time = slurm.timeLimit
                recorded.constraint = slurm.constraint
                recorded.gpusPerTrial = slurm.gpusPerTrial
                recorded.cpusPerTrial = slurm.cpusPerTrial
                recorded.memoryPerTrial = slurm.memoryPerTrial
                recorded.extraArguments = slurm.extraArguments
                spec.backend = recorded
            }
        }
        let ranks = settings.ranks ?? .single
        if (try? spec.rankLayout()) != ranks {
            spec.nodes = ranks.nodes
            spec.ranksPerNode = ranks.ranksPerNode
            spec.launcher = ranks.launcher.rawValue
        }
        return spec
    }
}

extension Datastore {
    /// `base` with each of `given` in place of the entry of the same name, or after them.
    public static func merged(_ base: [Datastore], over given: [Datastore]) -> [Datastore] {
        var result = base
        for datastore in given {
            if let i = result.firstIndex(where: { $0.name == datastore.name }) {
                result[i] = datastore
            } else {
                result.append(datastore)
            }
        }
        return result
    }
}
