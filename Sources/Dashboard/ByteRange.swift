import Foundation

/// What to send for a request's `Range` header on a file (RFC 9110 §14): one range of bytes,
/// the whole file, or 416. Only single `bytes=` ranges are served; several ranges, another
/// unit or a header that does not parse get the whole file, as the RFC allows.
public enum ByteRange: Hashable, Sendable {
    /// The whole file (200).
    case whole
    /// These bytes, both ends included (206).
    case part(ClosedRange<Int64>)
    /// No byte of the file is in the range (416).
    case unsatisfiable

    /// The answer to `header` (nil: no `Range` header) for a file of `size` bytes.
    public init(header: String?, size: Int64) {
        guard let header else { self = .whole; return }
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else { self = .whole; return }
        let spec = text.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard let dash = spec.firstIndex(of: "-") else { self = .whole; return }
        let first = spec[..<dash], last = spec[spec.index(after: dash)...]
        let digits = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        if first.isEmpty {
            // `-n`: the last n bytes.
            guard digits(last) else { self = .whole; return }
            let count = Int64(last) ?? .max
            self = count == 0 || size == 0 ? .unsatisfiable : .part(max(0, size - count)...(size - 1))
            return
        }
        guard digits(first), last.isEmpty || digits(last) else { self = .whole; return }
        guard let start = Int64(first), start < size else { self = .unsatisfiable; return }
        let end = last.isEmpty ? size - 1 : min(Int64(last) ?? .max, size - 1)
        self = end < start ? .unsatisfiable : .part(start...end)
    }
}
