import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `hpo report` end to end, on runs made by `hpo search`, each bounded in time and memory so
/// that a regression fails instead of hanging or exhausting the machine.
@Suite struct HPOReportTests {
    /// A fresh directory for a test's runs.
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-report-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `hpo search` of run `t` in `directory/R`: two trials whose loss is their `--v`, 0.3
    /// and 0.30000000000000004 (one ulp apart).
    static func makeRun(in directory: String) throws {
        let search = try HPOProcess.run(["search", "--root", "R", "--name", "t", "--metric", "loss", "--no-snapshot", "--",
                                         "/bin/sh", "-c", "echo \"{\\\"loss\\\": $2}\" >> \"$HPO_METRICS_FILE\"", "sh",
                                         "--v", "[0.3, 0.30000000000000004]"], in: directory)
        #expect(search.status == 0, "\(search.stderr)")
    }

    /// Runs `hpo arguments…` with at most 4 GB of address space, for at most 60 s; its
    /// status, or nil when it had to be killed.
    static func bounded(_ arguments: [String], in directory: String) throws -> (status: Int32?, stdout: String, stderr: String) {
        try bounded(command: [try #require(HPOProcess.executable).path] + arguments, in: directory)
    }

    /// Runs `command` (a program and its arguments) with at most 4 GB of address space, for
    /// at most `seconds`; its status, or nil when it had to be killed.
    static func bounded(command: [String], in directory: String, seconds: Double = 60) throws
        -> (status: Int32?, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v 4000000; exec \"$0\" \"$@\""] + command
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = directory + "/bounded.out", err = directory + "/bounded.err"
        for path in [out, err] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        let exit = try Waiting.run(process)
        var status: Int32? = nil
        if !exit(seconds) {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        } else {
            status = process.terminationStatus
        }
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return (status, read(out), read(err))
    }

    /// Two trials whose objectives are one ulp apart (0.3 and 0.30000000000000004): the axis
    /// ticks of so narrow a range once looped until memory ran out.
    @Test func objectivesOneUlpApartGiveAReport() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.makeRun(in: dir)
        let report = try Self.bounded(["report", "t", "--root", "R", "-o", "-"], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("data-chart=\"history\""))
    }

    /// A FIFO in place of run.db: an error at once, not a wait for a writer.
    @Test func aStoreThatIsNoRegularFileIsAnErrorNotAWait() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/R/t", withIntermediateDirectories: true)
        #expect(mkfifo(dir + "/R/t/run.db", 0o600) == 0)
        let report = try Self.bounded(["report", "t", "--root", "R"], in: dir)
        #expect(report.status == 1)
        #expect(report.stderr.contains("run.db (or its -wal or -shm file) is not a regular file"), "\(report.stderr)")
    }
}
