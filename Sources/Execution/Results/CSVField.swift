/// RFC 4180 field quoting.
///
/// Written here rather than taken from SwiftCSV or CSV.swift: both are mostly readers, and
/// what results.csv needs from a writer is this function — quote a field holding a comma, a
/// quote, CR or LF, and double its quotes — plus one `write(2)` a row, which neither offers.
enum CSVField {
    /// `field` as it appears in a CSV row.
    static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record: fields quoted, joined by commas, ended by CRLF (RFC 4180's line end).
    static func record(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }
}
