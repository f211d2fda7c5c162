import Foundation

/// Creating a study's run, or opening it again.
extension RunStudyStorage {
    /// The sweep a study's run stores: its space, goal, seed, constraints and strategy, no
    /// command; its objectives after the first (`metrics:`) when it has several.
    static func spec(of study: Study, name: String, metric: String) -> SweepSpec {
        var spec = SweepSpec(name: name, metric: SweepMetric(name: metric, goal: study.goal),
                             strategy: StrategyKind(name: study.strategy.name) ?? .random, seed: study.seed,
                             space: study.space)
        spec.constraints = study.constraints
        spec.furtherMetrics = study.objectives.dropFirst().map { SweepMetric(name: $0.metric, goal: $0.goal) }
        return spec
    }

    /// Makes the run: its directory, run.db, sweep.yaml; all or nothing.
    func create(_ spec: SweepSpec, strategy: String) throws -> (RunStore, RunLock, [StoredTrial]) {
        if FileManager.default.fileExists(atPath: layout.directory) { throw StudyRunError.notARun(path: layout.directory) }
        try layout.createNewRun()
        var made = false
        defer { if !made { layout.removeUnfinishedRun() } }
        let lock = try acquireLock()
        defer { if !made { lock.release() } }
        let yaml = spec.yaml
        let store = try RunStore.create(layout: layout, run: RunInfo(
            name: layout.name, createdAt: now(), configurationYAML: yaml, seed: spec.seed, strategy: strategy,
            goal: spec.metric.goal, metric: spec.metric.name, parameterNames: spec.space.names))
        do {
            try yaml.write(toFile: layout.sweepFile, atomically: true, encoding: .utf8)
        } catch {
            throw SweepError.unwritable(path: layout.sweepFile, reason: error.localizedDescription)
        }
        made = true
        return (store, lock, [])
    }

    /// Opens the existing run: checks it holds this study, repairs results.csv, stores the
    /// trials the stopped driver left running as `preempted`, and reads every trial back.
    func reopen(_ spec: SweepSpec, strategy: String) throws -> (RunStore, RunLock, [StoredTrial]) {
        let lock = try acquireLock()
        do {
            let store = try RunStore.open(layout: layout)
            let info = try store.run()
            let stored = try SweepSpec(yaml: info.configurationYAML, path: "\(layout.database) (stored study)")
            var differences = RunStudyStorage.differences(stored: stored.yaml, given: spec.yaml)
            if info.strategy != strategy { differences += ["  - strategy: \(info.strategy)", "  + strategy: \(strategy)"] }
            guard differences.isEmpty else { throw StudyRunError.differentStudy(run: layout.name, differences: differences) }
            try ResultsFile.repair(at: layout.resultsFile, from: store)
            try store.setRunState(.running, at: now())
            return (store, lock, try loadTrials(store))
        } catch {
            lock.release()
            throw error
        }
    }

    /// The run's lock, or `StudyRunError.inUse` naming who holds it.
    private func acquireLock() throws -> RunLock {
        let result = Result { () throws(RunLockError) -> RunLock in try RunLock.acquire(directory: layout.directory) }
        guard case .failure(let error) = result else { return try result.get() }
        switch error {
        case .held(_, let holder): throw StudyRunError.inUse(run: layout.name, holder: holder?.description ?? "its lock is held")
        case .otherHost(_, let holder): throw StudyRunError.inUse(run: layout.name, holder: holder.description)
        case .system: throw error
        }
    }

    /// The lines of one sweep text that the other lacks, `-` for stored, `+` for given.
    static func differences(stored: String, given: String) -> [String] {
        let old = stored.split(separator: "\n").map(String.init), new = given.split(separator: "\n").map(String.init)
        return old.filter { !new.contains($0) }.map { "  - " + $0 } + new.filter { !old.contains($0) }.map { "  + " + $0 }
    }
}
