extension MetricPattern {
    /// The `name=value` / `name: value` pairs of a line, scanned by hand (see `MetricPattern`
    /// for the grammar). Equivalent to the regular expression
    /// `(?<![^\s,;|(\[{])([A-Za-z_][\w./-]*)\s*[=:]\s*([-+]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf|infinity))(?![^\s,;|)\]}])`
    /// with the words matched in any case.
    static func standardPairs(_ bytes: [UInt8]) -> [(String, Double)] {
        var pairs: [(String, Double)] = []
        let n = bytes.count
        var i = 0
        while i < n {
            guard isNameStart(bytes[i]), i == 0 || isLeadingSeparator(bytes[i - 1]) else { i += 1; continue }
            var j = i + 1
            while j < n, isNameByte(bytes[j]) { j += 1 }
            let nameEnd = j
            while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            guard j < n, bytes[j] == UInt8(ascii: "=") || bytes[j] == UInt8(ascii: ":") else { i = nameEnd; continue }
            j += 1
            while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            guard let valueEnd = numberEnd(bytes, from: j), valueEnd == n || isTrailingSeparator(bytes[valueEnd]),
                  let value = Double(String(decoding: bytes[j..<valueEnd], as: UTF8.self))
            else { i = nameEnd; continue }
            pairs.append((String(decoding: bytes[i..<nameEnd], as: UTF8.self), value))
            i = valueEnd
        }
        return pairs
    }

    /// The end of a number starting at `start`: `[-+]?(digits[.digits*] | .digits)([eE][-+]?digits)?`
    /// or `[-+]?(nan|inf|infinity)` in any case; nil when there is none.
    private static func numberEnd(_ b: [UInt8], from start: Int) -> Int? {
        let n = b.count
        var j = start
        if j < n, b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "+") { j += 1 }
        for word in specialWords where matchesWord(b, at: j, word) { return j + word.count }
        let digitsStart = j
        while j < n, isDigit(b[j]) { j += 1 }
        var digits = j - digitsStart
        if j < n, b[j] == UInt8(ascii: ".") {
            j += 1
            let fractionStart = j
            while j < n, isDigit(b[j]) { j += 1 }
            digits += j - fractionStart
        }
        guard digits > 0 else { return nil }
        if j < n, b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E") {
            var k = j + 1
            if k < n, b[k] == UInt8(ascii: "-") || b[k] == UInt8(ascii: "+") { k += 1 }
            let exponentStart = k
            while k < n, isDigit(b[k]) { k += 1 }
            if k > exponentStart { j = k }
        }
        return j
    }

    /// The non-finite spellings, longest first so that `infinity` is not read as `inf`.
    private static let specialWords: [[UInt8]] = [Array("infinity".utf8), Array("inf".utf8), Array("nan".utf8)]

    private static func matchesWord(_ b: [UInt8], at start: Int, _ w: [UInt8]) -> Bool {
        guard start + w.count <= b.count else { return false }
        for k in 0..<w.count where b[start + k] | 0x20 != w[k] { return false }
        return true
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    private static func isNameStart(_ c: UInt8) -> Bool { isLetter(c) || c == UInt8(ascii: "_") }
    private static func isNameByte(_ c: UInt8) -> Bool {
        isLetter(c) || isDigit(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/") || c == UInt8(ascii: "-")
    }
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0B || c == 0x0C }
    private static func isLeadingSeparator(_ c: UInt8) -> Bool {
        isSpace(c) || c == UInt8(ascii: ",") || c == UInt8(ascii: ";") || c == UInt8(ascii: "|")
            || c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{")
    }
    private static func isTrailingSeparator(_ c: UInt8) -> Bool {
        isSpace(c) || c == UInt8(ascii: ",") || c == UInt8(ascii: ";") || c == UInt8(ascii: "|")
            || c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
    }
}
