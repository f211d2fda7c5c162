/// The value of `--gpus`: an explicit list of indices, or `all` GPUs of the machine.
public enum GPUSelection: Sendable, Hashable {
    /// Every GPU `GPUDetection` finds.
    case all
    /// These GPU indices, in the order given.
    case ids([Int])

    /// Parses `all` (any case) or a comma-separated list of non-negative indices such as
    /// `0,1,2,3` (spaces around entries allowed). Duplicates are rejected here, with the
    /// index named, rather than silently merged.
    public init(parsing text: String) throws(SlotError) {
        let trimmed = text.trimmingWhitespace
        if trimmed.lowercased() == "all" {
            self = .all
            return
        }
        guard !trimmed.isEmpty else { throw .noGPUs }
        var ids: [Int] = []
        for entry in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let item = String(entry).trimmingWhitespace
            guard !item.isEmpty, item.allSatisfy(\.isASCIIDigit), let id = Int(item) else {
                throw .badGPUID(item, source: "--gpus")
            }
            guard !ids.contains(id) else { throw .duplicateGPU(id) }
            ids.append(id)
        }
        self = .ids(ids)
    }

    /// The GPU indices this selection means; `detect` is called only for `all`, and must
    /// return at least one GPU or throw `SlotError.nothingDetected`.
    public func resolve(detect: () throws(SlotError) -> [Int]) throws(SlotError) -> [Int] {
        switch self {
        case .ids(let ids):
            return ids
        case .all:
            let found = try detect()
            guard !found.isEmpty else { throw .nothingDetected(reason: "the detector returned no GPU") }
            return found
        }
    }
}

fileprivate extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

fileprivate extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
