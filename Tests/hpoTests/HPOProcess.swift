import Foundation

/// Runs the built `hpo` binary, as a person would from the repository root.
struct HPOProcess {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `hpo` executable next to the test bundle (`.build/<triple>/debug/hpo`).
    static var executable: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
            root.appendingPathComponent(".build/debug"),
        ]
        return candidates.map { $0.appendingPathComponent("hpo") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `hpo arguments…` in `directory` (default: the repository root), with a fixed
    /// 80-column terminal width so help text is the same everywhere.
    static func run(_ arguments: [String], in directory: URL = root) throws -> Result {
        try run(arguments, in: directory.path, columns: 80, environment: ["LINES": "24"])
    }
}
