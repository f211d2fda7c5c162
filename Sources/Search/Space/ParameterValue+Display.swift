/// Values shown on a terminal. A string parameter can hold any character, and a trial
/// receives it byte for byte; printed raw, an ESC would start a colour or cursor sequence,
/// a CR would overwrite the line, a right-to-left override would reorder what follows. For
/// display those characters are written as escapes instead.
extension ParameterValue {
    /// `commandLineText` with the characters a terminal would act on written as escapes
    /// (see `escapingControlCharacters`). The argv a trial receives is not changed.
    public var displayText: String { ParameterValue.escapingControlCharacters(commandLineText) }

    /// `text` with C0 control characters, DEL, C1 control characters and the Unicode
    /// bidirectional controls written as `\n`, `\t`, `\r`, `\xHH` (ASCII) or `\uHHHH`;
    /// everything else as it is. Text without them is returned unchanged.
    public static func escapingControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isTerminalControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isTerminalControl(scalar) { out += escape(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// True for a character a terminal acts on rather than shows.
    public static func isTerminalControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidirectional marks and overrides
        default: return false
        }
    }

    /// The escape of one control character, as C, Python and bash's `$'…'` read it.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        default:
            let hex = String(scalar.value, radix: 16)
            return scalar.value < 0x80 ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
