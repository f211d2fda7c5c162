/// GPU device ids written as text, on the command line (`--gpus`) or in a sweep file
/// (`gpus: "0,1"`): `0,1,2,3`, or `2,` for the single device 2 — the trailing comma makes
/// it a list, as in PyTorch Lightning's `devices="2,"`.
///
/// A bare number is refused: Grid.ai's `--gpus 2` is a count (two GPUs for each
/// experiment), while a list here names devices, so `--gpus 2` would quietly mean
/// "device 2 only" to someone coming from Grid.ai.
public enum GPUList {
    /// Why a text is not a list of device ids.
    public enum Problem: Error, Equatable, Sendable {
        /// One number without a comma: a count or a device id?
        case ambiguous(Int)
        /// Something that is not a non-negative whole number between the commas.
        case malformed
        /// A device named twice.
        case repeated(Int)
    }

    /// The ids of `text`, in the order given.
    public static func parse(_ text: String) throws(Problem) -> [Int] {
        var parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let marked = parts.count > 1 && parts.last == ""
        if marked { parts.removeLast() }
        var ids: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let id = Int(part) else {
                throw .malformed
            }
            guard !ids.contains(id) else { throw .repeated(id) }
            ids.append(id)
        }
        if ids.count == 1 && !marked { throw .ambiguous(ids[0]) }
        return ids
    }

    /// What to write instead of `--gpus n`.
    public static func spellings(for n: Int) -> String {
        "--gpus \(n) is ambiguous: Grid.ai's --gpus \(n) is a count, hpo's --gpus names device ids. "
            + "For device \(n) alone write --gpus \(n), (a trailing comma makes a list); for \(n) "
            + "GPU\(n == 1 ? "" : "s") per trial write --gpus all --gpus-per-trial \(n) (or list the ids)"
    }
}
