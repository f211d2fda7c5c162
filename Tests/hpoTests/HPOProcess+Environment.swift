import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension HPOProcess {
    /// The environment of a test's `hpo`: the test's own, without `HPO_ROOT` (so the
    /// default root applies unless a test sets it), with `COLUMNS` as given.
    static func environment(columns: Int, adding extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HPO_ROOT"] = nil
        environment["COLUMNS"] = String(columns)
        environment.merge(extra) { $1 }
        return environment
    }

    /// Runs `hpo arguments…` in `directory` with a terminal `columns` wide and `extra`
    /// variables set.
    static func run(_ arguments: [String], in directory: String, columns: Int = 100,
                    environment extra: [String: String] = [:]) throws -> Result {
        guard let executable else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "hpo"]) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment(columns: columns, adding: extra)
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

    /// Starts `hpo arguments…` in `directory` without waiting: for `hpo logs -f`, which
    /// runs until the test finishes the trial. Its output goes to files in `directory`.
    static func start(_ arguments: [String], in directory: String) throws -> Running {
        guard let executable else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "hpo"]) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment(columns: 100, adding: [:])
        let stdoutPath = directory + "/hpo-stdout-\(UUID().uuidString)", stderrPath = stdoutPath + ".err"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        let exit = try Waiting.run(process)
        return Running(process: process, stdoutPath: stdoutPath, stderrPath: stderrPath, exit: exit)
    }

    /// An `hpo` started by `start`.
    struct Running {
        let process: Process
        let stdoutPath: String
        let stderrPath: String
        /// Waits up to the given seconds for the exit (see `Waiting.run`).
        let exit: (Double) -> Bool

        /// What it has written to standard output so far.
        var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
        /// What it has written to standard error so far.
        var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

        /// Waits up to `seconds` for it to exit; returns its status, or nil (after killing
        /// it with SIGKILL, which nothing can block) when it did not exit in time.
        func wait(upTo seconds: Double) -> Int32? {
            if !exit(seconds) {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return nil
            }
            return process.terminationStatus
        }
    }
}
