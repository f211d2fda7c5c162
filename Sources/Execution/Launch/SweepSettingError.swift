/// Settings of a sweep that contradict each other. Messages name the options as typed on the
/// command line, and their sweep-file keys where those differ.
public enum SweepSettingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// GPU ids (`--gpus`, `gpus:`) or `--trials-per-gpu` with the Slurm backend, which hands
    /// out GPUs itself.
    case gpusWithSlurm
    /// `--gpus-per-trial` or `--trials-per-gpu` in a run without GPUs.
    case gpuOptionsWithoutGPUs

    public var description: String {
        switch self {
        case .gpusWithSlurm:
            "--gpus and --trials-per-gpu are for the local backend; with --backend slurm, "
                + "--gpus-per-trial asks Slurm for GPUs and --parallel bounds the jobs at once"
        case .gpuOptionsWithoutGPUs:
            "--gpus-per-trial and --trials-per-gpu need --gpus (e.g. --gpus 0,1,2,3 or --gpus all)"
        }
    }
}
