import Foundation

/// Sizes for people: `532 B`, `14.2 KiB`, `3.1 GiB`.
public enum ByteCount {
    /// `bytes` in the largest binary unit that keeps the number at or above 1.
    public static func text(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}
