/// Finds the machine's GPUs for `--gpus all`.
///
/// 1. `CUDA_VISIBLE_DEVICES`, when set: the person (or a scheduler) already chose the GPUs
///    hpo may use, and the trials' own `CUDA_VISIBLE_DEVICES` must be a subset of them.
///    As in CUDA, an entry `-1` (or any negative index) ends the list, so `-1` means none.
///    UUIDs and MIG names are rejected: hpo hands out GPUs by index.
/// 2. Otherwise `nvidia-smi --query-gpu=index --format=csv,noheader`, one index a line.
public enum GPUDetection {
    /// The GPU indices found, in order; throws `SlotError.nothingDetected` (saying where it
    /// looked) when there are none. `environment` is hpo's own, for CUDA_VISIBLE_DEVICES
    /// and for the `PATH` in which `nvidia-smi` is looked up.
    public static func detect(environment: [String: String]) throws(SlotError) -> [Int] {
        if let visible = environment["CUDA_VISIBLE_DEVICES"] {
            return try parseVisibleDevices(visible)
        }
        let result: (termination: Termination, output: String)
        do {
            result = try CapturedCommand.run(
                ["nvidia-smi", "--query-gpu=index", "--format=csv,noheader"], environment: environment)
        } catch .commandNotFound {
            throw .nothingDetected(reason: "nvidia-smi is not in PATH and CUDA_VISIBLE_DEVICES is not set")
        } catch {
            throw .nothingDetected(reason: "nvidia-smi could not run: \(error)")
        }
        guard result.termination == .exited(0) else {
            throw .nothingDetected(reason: "nvidia-smi --query-gpu=index failed (\(result.termination))")
        }
        return try parseIndexList(result.output)
    }

    /// Parses `nvidia-smi --query-gpu=index --format=csv,noheader` output.
    static func parseIndexList(_ output: String) throws(SlotError) -> [Int] {
        var ids: [Int] = []
        for line in output.split(whereSeparator: \.isNewline) {
            let text = line.filter { $0 != " " && $0 != "\t" && $0 != "\r" }
            if text.isEmpty { continue }
            guard let id = Int(text), id >= 0 else {
                throw .nothingDetected(reason: "unexpected nvidia-smi output line '\(line)'")
            }
            ids.append(id)
        }
        guard !ids.isEmpty else { throw .nothingDetected(reason: "nvidia-smi lists no GPU") }
        return ids
    }

    /// Parses a `CUDA_VISIBLE_DEVICES` value.
    static func parseVisibleDevices(_ value: String) throws(SlotError) -> [Int] {
        var ids: [Int] = []
        let entries = value.split(separator: ",", omittingEmptySubsequences: false)
        for entry in value.allSatisfy({ $0 == " " }) ? [] : entries {
            let text = entry.filter { $0 != " " && $0 != "\t" }
            guard let id = Int(text) else {
                throw .badGPUID(String(text), source: "CUDA_VISIBLE_DEVICES")
            }
            if id < 0 { break }  // CUDA ignores this entry and every one after it
            guard !ids.contains(id) else {
                throw .nothingDetected(reason: "CUDA_VISIBLE_DEVICES lists GPU \(id) twice")
            }
            ids.append(id)
        }
        guard !ids.isEmpty else {
            throw .nothingDetected(reason: "CUDA_VISIBLE_DEVICES='\(value)' makes no GPU visible")
        }
        return ids
    }
}
