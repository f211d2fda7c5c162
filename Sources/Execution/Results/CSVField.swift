/// RFC 4180 field quoting.
///
/// Written here rather than taken from a package (checked: SwiftCSV 0.10, yaslab/CSV.swift
/// 2.5): SwiftCSV's serializer is internal, whole-table only, and does not quote a field
/// holding a line break (not RFC 4180); CSV.swift's `CSVWriter` writes field by field to a
/// Foundation `OutputStream`, so a row takes several writes. results.csv needs this function
/// — quote a field holding a comma, a quote, CR or LF, and double its quotes — and one
/// `write(2)` a row, which is ten lines here.
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
