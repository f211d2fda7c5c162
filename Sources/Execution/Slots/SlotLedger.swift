/// Who runs where: the run's concurrency slots and, with `--gpus`, which GPUs each running
/// trial holds. A value type with no clock and no I/O; the controller acquires before it
/// records a trial as `starting` and releases when it records the trial's final state.
///
/// Two shapes:
/// - **CPU run** (`--parallel N`): N anonymous slots, no GPU bookkeeping, and
///   `CUDA_VISIBLE_DEVICES` left as inherited.
/// - **GPU run** (`--gpus 0,1,2,3 --gpus-per-trial K --trials-per-gpu M`): a trial gets
///   exactly K distinct GPUs; no GPU is shared by more than M trials at once. The least
///   loaded GPUs are chosen first, ties by lower index, so that load spreads (with M > 1,
///   four trials on four GPUs get one GPU each before any GPU gets a second trial).
///   At most `capacity` trials run at once: `--parallel` when given, else ⌊G·M/K⌋, which
///   least-loaded-first always reaches for a fixed K (loads stay within one of each other).
public struct SlotLedger: Sendable, Hashable {
    /// The run's GPU indices, ascending; empty for a CPU run.
    public let gpus: [Int]
    /// K: how many distinct GPUs a trial gets when it does not ask otherwise.
    public let gpusPerTrial: Int
    /// M: how many trials may share one GPU.
    public let trialsPerGPU: Int
    /// The most trials that run at once.
    public let capacity: Int
    /// Trials currently using each GPU, indexed like `gpus`.
    public private(set) var load: [Int]
    /// The grant each running trial holds.
    public private(set) var grants: [Int: SlotGrant] = [:]

    /// A CPU run with `parallel` concurrent trials.
    public init(parallel: Int) throws(SlotError) {
        guard parallel >= 1 else { throw .parallelTooSmall(parallel) }
        gpus = []
        gpusPerTrial = 0
        trialsPerGPU = 1
        capacity = parallel
        load = []
    }

    /// A GPU run. `gpus` as resolved by `GPUSelection`; `parallel` optionally caps the
    /// number of concurrent trials below what the GPUs allow.
    public init(gpus: [Int], gpusPerTrial: Int = 1, trialsPerGPU: Int = 1, parallel: Int? = nil) throws(SlotError) {
        guard !gpus.isEmpty else { throw .noGPUs }
        var seen = Set<Int>()
        for id in gpus {
            guard id >= 0 else { throw .badGPUID(String(id), source: "--gpus") }
            guard seen.insert(id).inserted else { throw .duplicateGPU(id) }
        }
        guard gpusPerTrial >= 1 else { throw .gpusPerTrialTooSmall(gpusPerTrial) }
        guard trialsPerGPU >= 1 else { throw .trialsPerGPUTooSmall(trialsPerGPU) }
        let sorted = gpus.sorted()
        guard gpusPerTrial <= gpus.count else {
            throw .gpusPerTrialExceedsGPUs(requested: gpusPerTrial, available: sorted)
        }
        if let parallel, parallel < 1 { throw .parallelTooSmall(parallel) }
        self.gpus = sorted
        self.gpusPerTrial = gpusPerTrial
        self.trialsPerGPU = trialsPerGPU
        self.capacity = min(parallel ?? .max, gpus.count * trialsPerGPU / gpusPerTrial)
        self.load = Array(repeating: 0, count: gpus.count)
    }

    /// Whether this is a GPU run.
    public var usesGPUs: Bool { !gpus.isEmpty }
    /// How many trials hold a grant.
    public var activeTrials: Int { grants.count }

    /// How many more trials with the default GPU count could start right now.
    public var startableTrials: Int {
        // Without GPUs every free slot is startable: no need to place them one by one
        // (at --parallel 1000 that loop was a tenth of hpo's CPU, once per loop turn).
        if gpusPerTrial == 0 { return max(0, capacity - grants.count) }
        var copy = self
        var count = 0
        while count + grants.count < capacity, let chosen = copy.leastLoaded(gpusPerTrial) {
            for index in chosen { copy.load[index] += 1 }
            count += 1
        }
        return count
    }

    /// Gives `trial` a slot and, in a GPU run, `gpusPerTrial` GPUs; nil when not enough is
    /// free now. A trial holds at most one grant: asking again returns the one it holds.
    public mutating func acquire(for trial: Int) -> SlotGrant? {
        // The default count was validated by the initializer, so this cannot throw.
        try? acquire(for: trial, gpuCount: gpusPerTrial)
    }

    /// Like `acquire(for:)` with a per-trial GPU count (0 for a CPU-only trial in a GPU
    /// run). Throws when no amount of waiting could satisfy it.
    public mutating func acquire(for trial: Int, gpuCount: Int) throws(SlotError) -> SlotGrant? {
        if let held = grants[trial] { return held }
        if gpuCount < 0 { throw .gpusPerTrialTooSmall(gpuCount) }
        if !usesGPUs && gpuCount > 0 { throw .noGPUsInRun(requested: gpuCount) }
        if gpuCount > gpus.count { throw .gpusPerTrialExceedsGPUs(requested: gpuCount, available: gpus) }
        guard grants.count < capacity else { return nil }
        guard let chosen = leastLoaded(gpuCount) else { return nil }
        for index in chosen { load[index] += 1 }
        let grant = SlotGrant(gpus: chosen.map { gpus[$0] }, runUsesGPUs: usesGPUs)
        grants[trial] = grant
        return grant
    }

    /// The indices (into `gpus`) of the `count` least loaded GPUs that still have room, ties
    /// by lower index; nil when fewer than `count` have room.
    private func leastLoaded(_ count: Int) -> [Int]? {
        let chosen = gpus.indices
            .filter { load[$0] < trialsPerGPU }
            .sorted { load[$0] < load[$1] || (load[$0] == load[$1] && $0 < $1) }
            .prefix(count)
        return chosen.count == count ? Array(chosen) : nil
    }

    /// Returns what `trial` held to the pool; nil when it held nothing.
    @discardableResult
    public mutating func release(trial: Int) -> SlotGrant? {
        guard let grant = grants.removeValue(forKey: trial) else { return nil }
        for id in grant.gpus {
            if let index = gpus.firstIndex(of: id) { load[index] -= 1 }
        }
        return grant
    }

    /// Takes back a grant recorded before a restart (`hpo resume` with trials still
    /// running). Throws when the GPUs are unknown or already fully used.
    public mutating func restore(_ grant: SlotGrant, for trial: Int) throws(SlotError) {
        if grants[trial] == grant { return }
        if !usesGPUs && !grant.gpus.isEmpty { throw .noGPUsInRun(requested: grant.gpus.count) }
        var indices: [Int] = []
        for id in grant.gpus {
            guard let index = gpus.firstIndex(of: id) else { throw .unknownGPU(id) }
            indices.append(index)
        }
        guard grants[trial] == nil, grants.count < capacity, indices.allSatisfy({ load[$0] < trialsPerGPU })
        else { throw .grantDoesNotFit(trial: trial, gpus: grant.gpus) }
        for index in indices { load[index] += 1 }
        grants[trial] = SlotGrant(gpus: grant.gpus, runUsesGPUs: usesGPUs)
    }
}
