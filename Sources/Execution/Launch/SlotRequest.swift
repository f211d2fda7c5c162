import Foundation

/// What is asked of a run's slots beyond the sweep's `parallel:` and `gpus:` — the command
/// line's `--gpus all`, `--gpus-per-trial`, `--trials-per-gpu`, and `--parallel` as the cap
/// of a GPU run — and the one place that turns them into a `SlotLedger`, for a new run and
/// for a resumed one.
public struct SlotRequest: Sendable, Hashable {
    /// `--gpus all`: every GPU of the machine (`CUDA_VISIBLE_DEVICES`, else `nvidia-smi`)
    /// instead of the sweep's `gpus`.
    public var allGPUs: Bool
    /// K: the GPUs each trial gets (default 1).
    public var gpusPerTrial: Int?
    /// M: the trials that may share one GPU (default 1).
    public var trialsPerGPU: Int?
    /// The most trials at once in a GPU run (default ⌊G·M/K⌋); a CPU run takes the sweep's
    /// `parallel`.
    public var parallel: Int?

    /// A request; nothing asked beyond the sweep by default.
    public init(allGPUs: Bool = false, gpusPerTrial: Int? = nil, trialsPerGPU: Int? = nil, parallel: Int? = nil) {
        self.allGPUs = allGPUs
        self.gpusPerTrial = gpusPerTrial
        self.trialsPerGPU = trialsPerGPU
        self.parallel = parallel
    }

    /// True when GPUs are asked for here, which replaces a resumed run's stored GPU slots.
    public var asksForGPUs: Bool { allGPUs || gpusPerTrial != nil || trialsPerGPU != nil }

    /// The slots of a new run of `spec`. With the Slurm backend, `spec.parallel` jobs at
    /// once (Slurm hands out the GPUs, `--gres`); locally, CPU slots, or the GPUs of
    /// `spec.gpus` (or all of them) shared as asked.
    /// - Throws: `SweepSettingError` for GPU settings that do not fit the backend or a run
    ///   without GPUs; `SlotError` for values out of range or no GPU found.
    public func ledger(for spec: SweepSpec, environment: [String: String]) throws -> SlotLedger {
        if let k = gpusPerTrial, k < 1 { throw SlotError.gpusPerTrialTooSmall(k) }
        if spec.backend?.kind == .slurm {
            if allGPUs || !spec.gpus.isEmpty || trialsPerGPU != nil { throw SweepSettingError.gpusWithSlurm }
            return try SlotLedger(parallel: spec.parallel)
        }
        if let m = trialsPerGPU, m < 1 { throw SlotError.trialsPerGPUTooSmall(m) }
        let ids = allGPUs
            ? try GPUSelection.all.resolve { () throws(SlotError) -> [Int] in try GPUDetection.detect(environment: environment) }
            : spec.gpus
        guard !ids.isEmpty else {
            if gpusPerTrial != nil || trialsPerGPU != nil { throw SweepSettingError.gpuOptionsWithoutGPUs }
            return try SlotLedger(parallel: spec.parallel)
        }
        return try SlotLedger(gpus: ids, gpusPerTrial: gpusPerTrial ?? 1, trialsPerGPU: trialsPerGPU ?? 1, parallel: parallel)
    }

    /// The slots of a resumed run: the stored ones (`saved`), with the capacity `parallel`
    /// asks for; new ones for `spec` when GPUs are asked for or nothing was stored.
    public func ledger(resuming saved: RunSettings?, spec: SweepSpec, environment: [String: String]) throws -> SlotLedger {
        guard var saved, !asksForGPUs else { return try ledger(for: spec, environment: environment) }
        if let parallel {
            saved.capacity = saved.gpus.isEmpty
                ? parallel : min(parallel, saved.gpus.count * saved.trialsPerGPU / saved.gpusPerTrial)
        }
        return try saved.slotLedger()
    }
}
