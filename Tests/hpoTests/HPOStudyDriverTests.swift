import Foundation
import Testing
import Execution
#if canImport(Glibc)
import Glibc
#endif

/// A Swift driver's study (`Examples/tune-logistic`, `Study.open(run:root:)`) is an hpo run:
/// killed in the middle of a trial and started again, it resumes with the same numbers and
/// curves, and `hpo status`, `best` and `report` read it.
@Suite(.serialized) struct HPOStudyDriverTests {
    /// The `tune-logistic` executable built beside `hpo`.
    static var driver: URL? {
        HPOProcess.executable.map { $0.deletingLastPathComponent().appendingPathComponent("tune-logistic") }
            .flatMap { FileManager.default.isExecutableFile(atPath: $0.path) ? $0 : nil }
    }

    /// Starts the driver on run `study` under `root`.
    static func start(_ trials: Int, root: String) throws -> (Process, (Double) -> Bool) {
        let process = Process()
        process.executableURL = try #require(driver)
        process.arguments = [String(trials), "--run", "study", "--root", root]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return (process, try Waiting.run(process))
    }

    /// The run's trials and each one's stored points, `attempt:step:value`.
    static func snapshot(_ root: String) throws -> [(TrialRecord, [String])] {
        let store = try RunStore.open(at: root + "/study/run.db", readOnly: true)
        return try store.trials().map { trial in
            (trial, try store.metricPoints(trial: trial.number).map { "\($0.attempt):\($0.point.step):\($0.point.value)" })
        }
    }

    @Test func aKilledDriverStartedAgainResumesAndHpoReadsItsRun() throws {
        let scratch = NSTemporaryDirectory() + "hpo-study-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let root = scratch + "/runs"

        // Kill it while a trial runs with a point reported and three trials are finished: the
        // driver is stopped (SIGSTOP) to look at its store, killed when so, let go otherwise.
        let (first, exited) = try Self.start(500, root: root)
        let caught = Waiting.until(seconds: 300) {
            guard kill(first.processIdentifier, SIGSTOP) == 0 else { return false }
            let trials = (try? Self.snapshot(root)) ?? []
            if trials.filter({ $0.0.state.isFinal }).count >= 3,
               trials.contains(where: { $0.0.state == .running && !$0.1.isEmpty }) {
                kill(first.processIdentifier, SIGKILL)
                return true
            }
            kill(first.processIdentifier, SIGCONT)
            return false
        }
        try #require(caught, "the driver never had a trial running after three finished")
        #expect(exited(60))
        let before = try Self.snapshot(root)
        let cut = try #require(before.first { $0.0.state == .running }).0

        // Started again with a budget of two more trials than it had: the cut-off trial runs
        // again under its number, then one new trial.
        let budget = before.count + 1
        let (second, done) = try Self.start(budget, root: root)
        #expect(done(300), "the restarted driver did not finish")
        #expect(second.terminationStatus == 0)
        let after = try Self.snapshot(root)
        #expect(after.count == budget)
        #expect(after.allSatisfy { $0.0.state.isFinal })
        for (old, new) in zip(before, after) where old.0.state.isFinal {
            #expect(new.0 == old.0, "finished trial \(old.0.number) changed")
            #expect(new.1 == old.1, "finished trial \(old.0.number)'s curve changed")
        }
        let rerun = after[cut.number]
        #expect(rerun.0.configuration == cut.configuration)
        #expect(rerun.0.attempt == 2)
        #expect(rerun.1.contains { $0.hasPrefix("1:") } && rerun.1.contains { $0.hasPrefix("2:1:") })

        let status = try HPOProcess.run(["status", "study", "--root", root], in: scratch)
        #expect(status.status == 0)
        #expect(status.stdout.contains("run study: completed"), "\(status.stdout)")
        #expect(status.stdout.contains("\(budget) trials"), "\(status.stdout)")
        let best = try HPOProcess.run(["best", "study", "--root", root], in: scratch)
        #expect(best.status == 0)
        #expect(best.stdout.contains("run study: best of"), "\(best.stdout)")
        #expect(!best.stdout.contains("command:"), "a driver's study has no command: \(best.stdout)")
        let report = try HPOProcess.run(["report", "study", "--root", root], in: scratch)
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: root + "/study/report.html", encoding: .utf8)
        #expect(html.contains("<svg"))
        let csv = try String(contentsOfFile: root + "/study/results.csv", encoding: .utf8)
        #expect(csv.split(separator: "\r\n").count == budget + 1)
        // hpo resume cannot run a driver's trials: it says who can.
        let resume = try HPOProcess.run(["resume", "study", "--root", root, "--trials", "\(budget + 1)"], in: scratch)
        #expect(resume.status == 2)
        #expect(resume.stderr.contains("Study.open(run: \"study\")"), "\(resume.stderr)")
    }

    @Test func theREADMEsStudyExampleIsTheDriversCode() throws {
        let block = try #require(READMEExamples.blocks().first { $0.tag == "swift" && $0.lines.contains { $0.contains("Study.open(run:") } })
        let source = try String(contentsOf: HPOProcess.root.appendingPathComponent("Examples/tune-logistic/main.swift"),
                                encoding: .utf8)
        let code = source.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // Each stretch of the block between `…` lines is a stretch of the example, in order.
        var chunks: [[String]] = [[]]
        for line in block.lines.map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line == "…" { chunks.append([]) } else { chunks[chunks.count - 1].append(line) }
        }
        var from = 0
        for chunk in chunks where !chunk.isEmpty {
            let found = (from...max(from, code.count - chunk.count)).first { Array(code[$0..<min(code.count, $0 + chunk.count)]) == chunk }
            try #require(found != nil, Comment(rawValue: "README.md:\(block.line): these lines are not "
                         + "Examples/tune-logistic/main.swift's:\n" + chunk.joined(separator: "\n")))
            from = found! + chunk.count
        }
    }
}
