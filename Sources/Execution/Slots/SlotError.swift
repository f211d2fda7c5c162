/// A slot setting that cannot work, or a request the ledger can never satisfy. Messages
/// name the command-line option, as the person typed it.
public enum SlotError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `--parallel` below 1.
    case parallelTooSmall(Int)
    /// `--gpus` names no GPU at all.
    case noGPUs
    /// `--gpus` lists the same GPU twice.
    case duplicateGPU(Int)
    /// An entry of `--gpus` (or of CUDA_VISIBLE_DEVICES) is not a GPU index.
    case badGPUID(String, source: String)
    /// `--gpus all`, but no GPU could be found; `reason` says where hpo looked.
    case nothingDetected(reason: String)
    /// `--gpus-per-trial` below 1.
    case gpusPerTrialTooSmall(Int)
    /// A trial would need more distinct GPUs than the run has.
    case gpusPerTrialExceedsGPUs(requested: Int, available: [Int])
    /// `--trials-per-gpu` below 1.
    case trialsPerGPUTooSmall(Int)
    /// A trial asked for GPUs in a run started without `--gpus`.
    case noGPUsInRun(requested: Int)
    /// A recorded grant names a GPU this run does not have (resume with other `--gpus`).
    case unknownGPU(Int)
    /// A recorded grant does not fit in what is still free.
    case grantDoesNotFit(trial: Int, gpus: [Int])

    public var description: String {
        switch self {
        case .parallelTooSmall(let value):
            "--parallel must be at least 1 (got \(value))"
        case .noGPUs:
            "--gpus lists no GPU (expected indices such as 0,1,2 or 'all')"
        case .duplicateGPU(let id):
            "--gpus lists GPU \(id) more than once"
        case .badGPUID(let text, let source):
            "\(source): '\(text)' is not a GPU index (expected non-negative integers such as 0,1,2"
                + (source == "--gpus" ? ", or 'all')" : "; hpo hands out GPUs by index, not by UUID)")
        case .nothingDetected(let reason):
            "--gpus all: no GPU found (\(reason)); list them with --gpus 0,1,... or leave --gpus out to run on CPUs"
        case .gpusPerTrialTooSmall(let value):
            "--gpus-per-trial must be at least 1 (got \(value))"
        case .gpusPerTrialExceedsGPUs(let requested, let available):
            "--gpus-per-trial \(requested) needs \(requested) distinct GPUs, but the run has \(available.count) (\(available.map(String.init).joined(separator: ",")))"
        case .trialsPerGPUTooSmall(let value):
            "--trials-per-gpu must be at least 1 (got \(value))"
        case .noGPUsInRun(let requested):
            "a trial asked for \(requested) GPU(s), but the run was started without --gpus"
        case .unknownGPU(let id):
            "GPU \(id) is not among this run's --gpus"
        case .grantDoesNotFit(let trial, let gpus):
            "trial \(trial) holds GPU(s) \(gpus.map(String.init).joined(separator: ",")), which are already fully in use"
        }
    }
}
