/// What a trial was given to run on: a place among the run's concurrent trials and, in a
/// GPU run, the GPUs it may use. The store records it with the trial's `starting` state.
public struct SlotGrant: Sendable, Hashable, Codable {
    /// The GPU indices the trial may use, ascending; empty for a CPU trial.
    public var gpus: [Int]
    /// Whether the run has GPUs at all (`--gpus` was given).
    public var runUsesGPUs: Bool

    /// A grant of `gpus` (sorted here) in a run that does or does not use GPUs.
    public init(gpus: [Int], runUsesGPUs: Bool) {
        self.gpus = gpus.sorted()
        self.runUsesGPUs = runUsesGPUs
    }

    /// The value to give the trial as `CUDA_VISIBLE_DEVICES`, or nil to leave the variable
    /// as hpo inherited it.
    ///
    /// - A GPU run: the granted indices, `"0,1"`. A trial that was granted no GPU gets `""`,
    ///   which hides every GPU from it: otherwise CUDA would let it use all of them, on top
    ///   of the trials that were actually given those GPUs.
    /// - A run without `--gpus`: nil. hpo does not manage GPUs then, and whatever the user
    ///   set up (or not) before starting hpo stays in force.
    public var cudaVisibleDevices: String? {
        guard runUsesGPUs else { return nil }
        return gpus.map(String.init).joined(separator: ",")
    }
}
