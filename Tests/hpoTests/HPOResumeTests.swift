import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `hpo resume` with the real binary: `kill -9` of hpo at a random moment, SIGTERM to hpo,
/// a changed sweep, a second controller.
@Suite struct HPOResumeTests {
    /// Every attempt logs `start|end <trial> <attempt> <pid> <monotonic ns>`; on SIGTERM it
    /// logs `end` and exits at once.
    static let trialScript = """
        import json, os, signal, sys, time
        trial, attempt = os.environ["HPO_TRIAL"], os.environ["HPO_ATTEMPT"]
        def note(what):
            with open(os.environ["CHAOS_LOG"], "a") as f:
                f.write(f"{what} {trial} {attempt} {os.getpid()} {time.monotonic_ns()}\\n")
        def on_term(*_):
            note("end")
            os._exit(143)
        signal.signal(signal.SIGTERM, on_term)
        note("start")
        time.sleep(0.1 + 0.02 * (int(trial) % 5))
        with open(os.environ["HPO_METRICS_FILE"], "a") as f:
            f.write(json.dumps({"objective": int(sys.argv[2])}) + "\\n")
        note("end")
        """

    /// A scratch directory with the trial script, removed at the end.
    struct Scratch {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-resume-\(UUID().uuidString)").path
        init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        func file(_ name: String) -> String { path + "/" + name }
        func read(_ name: String) -> String { (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? "" }
        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Starts `hpo arguments…` in `directory` with `CHAOS_LOG` set, output to files.
    static func start(_ arguments: [String], in directory: String, log: String) throws -> Process {
        let process = Process()
        process.executableURL = HPOProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["CHAOS_LOG"] = log
        process.environment = environment
        _ = FileManager.default.createFile(atPath: directory + "/hpo.out", contents: nil)
        let out = FileHandle(forWritingAtPath: directory + "/hpo.out")!
        out.seekToEndOfFile()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        return process
    }

    /// Runs `hpo arguments…` to its end; returns its exit status.
    static func run(_ arguments: [String], in directory: String, log: String) throws -> Int32 {
        let process = try start(arguments, in: directory, log: log)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The live processes (not zombies) whose environment names `run` under `root`.
    static func survivors(run: String, root: String) -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> Int32? in
            guard let pid = Int32(name), let env = FileManager.default.contents(atPath: "/proc/\(name)/environ"),
                  let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  !stat.split(separator: ")").last!.hasPrefix(" Z") else { return nil }
            let vars = env.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return vars.contains("HPO_RUN=\(run)") && vars.contains { $0.hasPrefix("HPO_CHECKPOINT_DIR=\(root)/") } ? pid : nil
        }
    }

    /// The attempts of each trial from the log: (start, end) in monotonic ns.
    static func attempts(_ log: String) -> [Int: [(attempt: Int, start: UInt64, end: UInt64?)]] {
        var starts: [String: (trial: Int, attempt: Int, start: UInt64)] = [:]
        var ends: [String: UInt64] = [:]
        for line in log.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count == 5, let trial = Int(f[1]), let attempt = Int(f[2]), let t = UInt64(f[4]) else { continue }
            let key = "\(f[1]) \(f[3])"
            if f[0] == "start" { starts[key] = (trial, attempt, t) } else { ends[key] = max(ends[key] ?? 0, t) }
        }
        var out: [Int: [(attempt: Int, start: UInt64, end: UInt64?)]] = [:]
        for (key, s) in starts { out[s.trial, default: []].append((s.attempt, s.start, ends[key])) }
        return out.mapValues { $0.sorted { $0.start < $1.start } }
    }

    /// A python one-liner's dump of run.db, to compare before and after.
    static func dump(_ database: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sqlite3, sys; print('\\n'.join(sqlite3.connect(sys.argv[1]).iterdump()))", database]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: [(seed: 1, milliseconds: 700), (seed: 2, milliseconds: 1300), (seed: 3, milliseconds: 2100)])
    func killNineAtAnyMomentLosesNothingAndRunsNoTrialTwiceAtOnce(seed: Int, milliseconds: Int) throws {
        let s = Scratch()
        defer { s.remove() }
        try Self.trialScript.write(toFile: s.file("trial.py"), atomically: true, encoding: .utf8)
        let root = s.file("runs"), run = "chaos-\(seed)", log = s.file("trials.log")
        let hpo = try Self.start(["run", "--root", root, "--name", run, "--parallel", "4", "trial.py", "--n", "range(0, 30)"],
                                 in: s.path, log: log)
        // The moments count from the first trial's start, so that a slow machine does not move
        // them into the run's creation (which is all or nothing: RunStoreCreationTests).
        #expect(Waiting.until(seconds: 60) { s.read("trials.log").contains("start ") })
        Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
        kill(hpo.processIdentifier, SIGKILL)
        hpo.waitUntilExit()

        let resumed = try Self.run(["resume", run, "--root", root], in: s.path, log: log)
        #expect(resumed == 0, "\(s.read("hpo.out"))")
        #expect(s.read("hpo.out").contains("warning: took over the run's lock from pid \(hpo.processIdentifier) on host "))
        let rows: [[String]] = s.read("runs/\(run)/results.csv").split(separator: "\r\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let numbers: [Int] = rows.compactMap { Int($0[0]) }.sorted()
        #expect(numbers == Array(0..<30), "every trial exactly once")
        #expect(rows.allSatisfy { $0[1] == "succeeded" })
        let values: Set<String> = Set(rows.map { $0[2] })
        #expect(values == Set((0..<30).map { String($0) }))
        for (trial, runs) in Self.attempts(s.read("trials.log")) {
            #expect(runs.allSatisfy { $0.end != nil }, "trial \(trial): an attempt never ended")
            for (a, b) in zip(runs, runs.dropFirst()) {
                #expect(a.end! <= b.start, "trial \(trial): attempts \(a.attempt) and \(b.attempt) overlapped")
                #expect(a.attempt < b.attempt, "trial \(trial): attempt numbers do not grow")
            }
        }
        #expect(Self.survivors(run: run, root: root).isEmpty)

        let before = (s.read("runs/\(run)/results.csv"), try Self.dump(root + "/\(run)/run.db"))
        let again = try Self.run(["resume", run, "--root", root], in: s.path, log: log)
        #expect(again == 0)
        #expect(s.read("hpo.out").contains("run \(run) is finished (completed: 30 succeeded); nothing to resume"))
        #expect(s.read("runs/\(run)/results.csv") == before.0)
        #expect(try Self.dump(root + "/\(run)/run.db") == before.1)
    }

    @Test func sigtermToHpoPreemptsTrialsThatResumeFromTheirCheckpoints() throws {
        let s = Scratch()
        defer { s.remove() }
        // Ten epochs of 0.1 s, a checkpoint after each and on SIGTERM (Grid's contract).
        try """
            import json, os, signal, sys, time
            ckpt = os.path.join(os.environ["HPO_CHECKPOINT_DIR"], "epoch")
            epoch = int(open(ckpt).read()) if os.environ["HPO_RESUME"] == "1" else 0
            with open(os.environ["CHAOS_LOG"], "a") as f:
                f.write(f"{os.environ['HPO_TRIAL']} attempt {os.environ['HPO_ATTEMPT']} from {epoch}\\n")
            def save(*_):
                open(ckpt, "w").write(str(epoch))
                sys.exit(0)
            signal.signal(signal.SIGTERM, save)
            while epoch < 10:
                epoch += 1
                with open(os.environ["HPO_METRICS_FILE"], "a") as f:
                    f.write(json.dumps({"step": epoch, "objective": 1 / epoch}) + "\\n")
                open(ckpt, "w").write(str(epoch))  # after the metric: the test waits for this file
                if os.environ["HPO_RESUME"] != "1":
                    signal.pause()  # the first attempt waits for hpo's SIGTERM after its first epoch
            """.write(toFile: s.file("train.py"), atomically: true, encoding: .utf8)
        let root = s.file("runs"), log = s.file("trials.log")
        let hpo = try Self.start(["run", "--root", root, "--name", "term", "--parallel", "2", "train.py", "--x", "[1, 2]"],
                                 in: s.path, log: log)
        // SIGTERM once both trials have saved their first epoch (each waits for it there).
        #expect(Waiting.until(seconds: 60) {
            (0..<2).allSatisfy { FileManager.default.fileExists(atPath: root + "/term/trials/\($0)/checkpoints/epoch") }
        })
        kill(hpo.processIdentifier, SIGTERM)
        hpo.waitUntilExit()
        #expect(hpo.terminationStatus == 130)
        #expect(s.read("hpo.out").contains("SIGTERM to hpo: stopping the running trials; hpo resume term runs them again"))
        #expect(try Self.dump(root + "/term/run.db").contains("'preempted'"))

        #expect(try Self.run(["resume", "term", "--root", root], in: s.path, log: log) == 0)
        let lines = s.read("trials.log").split(separator: "\n").map(String.init)
        for trial in ["0", "1"] {
            let mine = lines.filter { $0.hasPrefix(trial + " ") }
            try #require(mine.count == 2, "\(lines)")
            #expect(mine[0] == "\(trial) attempt 1 from 0")
            let resumedFrom = Int(mine[1].split(separator: " ").last!) ?? 0
            #expect(mine[1].hasPrefix("\(trial) attempt 2 from ") && resumedFrom > 0, "\(mine)")
        }
        let rows = s.read("runs/term/results.csv").split(separator: "\r\n").dropFirst()
        #expect(rows.map { $0.split(separator: ",")[1] } == ["succeeded", "succeeded"])
        #expect(rows.allSatisfy { $0.contains(",0,2,") })   // exit code 0, attempt 2 (then the metric columns)
        #expect(rows.allSatisfy { $0.split(separator: ",")[3] == "0.1" && $0.split(separator: ",")[4] == "10" })
    }

    @Test func aChangedSpaceIsRefusedWithItsDiffAndTakenWithForce() throws {
        let s = Scratch()
        defer { s.remove() }
        try Self.trialScript.write(toFile: s.file("trial.py"), atomically: true, encoding: .utf8)
        let root = s.file("runs"), log = s.file("trials.log")
        #expect(try Self.run(["run", "--root", root, "--name", "space", "trial.py", "--n", "[1, 2]"], in: s.path, log: log) == 0)
        let refused = try Self.run(["resume", "space", "--root", root, "--", "trial.py", "--n", "[1, 2, 3]"], in: s.path, log: log)
        #expect(refused == 2)
        #expect(s.read("hpo.out").contains("""
            error: the sweep given differs from the one run space was started with (- stored, + given):
              parameters:
            -   n: '[1, 2]'
            +   n: '[1, 2, 3]'
            hpo resume space alone continues the stored sweep; add --force
            """))
        let forced = try Self.run(["resume", "space", "--root", root, "--force", "--", "trial.py", "--n", "[1, 2, 3]"],
                                  in: s.path, log: log)
        #expect(forced == 0)
        #expect(s.read("runs/space/results.csv").split(separator: "\r\n").count == 4)
        #expect(s.read("runs/space/sweep.yaml").contains("n: '[1, 2, 3]'"))
    }

    @Test func aSecondControllerFailsFastNamingTheFirst() throws {
        let s = Scratch()
        defer { s.remove() }
        try "import time\ntime.sleep(3)\n".write(toFile: s.file("slow.py"), atomically: true, encoding: .utf8)
        let root = s.file("runs"), log = s.file("trials.log")
        let first = try Self.start(["run", "--root", root, "--name", "busy", "slow.py", "--n", "[1]"], in: s.path, log: log)
        defer { kill(first.processIdentifier, SIGKILL); first.waitUntilExit() }
        let lock = root + "/busy/lock"
        #expect(Waiting.until(seconds: 10) { !((try? String(contentsOfFile: lock, encoding: .utf8))?.isEmpty ?? true) })
        let r = try HPOProcess.run(["resume", "busy", "--root", root])
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix("error: another hpo controls this run: pid \(first.processIdentifier) on host "))
    }
}
