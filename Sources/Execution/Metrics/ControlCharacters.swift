/// Text a trial wrote, made safe to print on a terminal: control characters become visible
/// escapes instead of reaching the terminal, where `ESC [ 2 J` would clear the screen and
/// an OSC sequence could retitle the window or write to the clipboard.
///
/// Escaped: C0 controls (U+0000–U+001F, tab as `\t`, newline as `\n`, carriage return as
/// `\r`, the others as `\x1b`), DEL, the C1 controls (U+0080–U+009F, which some terminals
/// obey like `ESC` sequences) and the bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), which reorder what is shown. A backslash is left as it is.
public enum ControlCharacters {
    /// True for a scalar that `escaped` rewrites.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// True when `text` holds a scalar that `escaped` rewrites.
    public static func contains(in text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    /// `text` with every control character written as an escape (`\x1b`, `\t`, `\u{202e}`).
    public static func escaped(_ text: String) -> String {
        guard contains(in: text) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case let v where v < 0x100: out += "\\x" + hex(v, digits: 2)
            case let v: out += "\\u{" + hex(v, digits: 4) + "}"
            }
        }
        return out
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
