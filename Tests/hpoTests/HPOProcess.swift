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
        guard let executable else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "hpo"]) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        environment["LINES"] = "24"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so a full pipe cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
                      status: process.terminationStatus)
    }
}
