import Execution
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Whether a Slurm answers on this machine (`scripts/slurm-start.sh` starts one).
enum SlurmCluster {
    /// Why the Slurm tests cannot run here, or nil when they can.
    static let unavailableReason: String? = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["timeout", "5", "sinfo", "--noheader", "--Node", "--format=%T"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return "cannot run sinfo: \(error)" }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            return "no Slurm answers here (sinfo exit \(p.terminationStatus)); start one with sudo scripts/slurm-start.sh"
        }
        guard ["idle", "mixed", "allocated", "completing"].contains(where: text.contains) else {
            return "the Slurm node is not usable (sinfo: \(text.trimmingCharacters(in: .whitespacesAndNewlines)))"
        }
        return nil
    }()

    static var available: Bool { unavailableReason == nil }
}

/// CI sets HPO_REQUIRE_SLURM=1: there, a missing Slurm fails instead of skipping.
@Suite struct HPOSlurmRequirementTests {
    @Test func slurmIsThereWhenRequired() {
        guard ProcessInfo.processInfo.environment["HPO_REQUIRE_SLURM"] == "1" else { return }
        #expect(SlurmCluster.unavailableReason == nil, "HPO_REQUIRE_SLURM=1 but \(SlurmCluster.unavailableReason ?? "")")
    }
}

/// The Slurm and rank options are checked before anything runs.
@Suite struct HPOBackendOptionTests {
    @Test(arguments: [
        (["--partition", "gpu"], "error: --partition, --account, --qos, --slurm-time, --constraint, --cpus-per-trial, --mem-per-trial and --sbatch-arg need --backend slurm"),
        (["--nodes", "2"], "error: --nodes 2: a local trial runs on this machine only; use --backend slurm for several nodes"),
        (["--backend", "k8s"], "error: --backend \"k8s\": choose local or slurm"),
        (["--launcher", "horovod"], "error: --launcher \"horovod\": choose torchrun or mpi"),
        (["--backend", "slurm", "--gpus", "0,1"], "error: --gpus and --trials-per-gpu are for the local backend; with --backend slurm, --gpus-per-trial asks Slurm for GPUs and --parallel bounds the jobs at once"),
        (["--detach"], "error: --detach needs --backend slurm (a local sweep runs in this terminal; use nohup or tmux)"),
    ])
    func badBackendOptionsAreRefused(options: [String], message: String) throws {
        let r = try HPOProcess.run(["run", "--root", "/nonexistent/hpo-runs"] + options + ["--", "python3", "x.py", "--a", "[1]"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}

/// Sweeps on a real (local, single-node) Slurm: the done-when list of the Slurm issue.
@Suite(.serialized, .enabled(if: SlurmCluster.available, "needs a Slurm: sudo scripts/slurm-start.sh"))
struct HPOSlurmTests {
    typealias Scratch = HPOResumeTests.Scratch

    /// Each trial appends `x` to the log, reports steps 1…`HPO_STEPS` of (x − 0.3)² + 1/step
    /// every 0.2 s (saving a checkpoint), and prints its ranks' variables.
    static let trainScript = """
        import json, os, sys, time
        x = float(sys.argv[sys.argv.index("--x") + 1])
        e = os.environ
        with open(os.path.join(e["HPO_ARTIFACTS_DIR"], "rank" + e.get("RANK", "-")), "w") as f:
            f.write(" ".join(e.get(k, "-") for k in ["RANK", "LOCAL_RANK", "WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT"]))
        for step in range(1, int(e.get("HPO_STEPS", "3")) + 1):
            time.sleep(float(e.get("HPO_STEP_SECONDS", "0.2")))
            with open(e["HPO_METRICS_FILE"], "a") as f:
                f.write(json.dumps({"step": step, "objective": (x - 0.3) ** 2 + 1 / step}) + "\\n")
        """

    static func scratch() throws -> Scratch {
        let s = Scratch()
        try trainScript.write(toFile: s.file("train.py"), atomically: true, encoding: .utf8)
        return s
    }

    static func hpo(_ arguments: [String], in s: Scratch, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = HPOProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: s.path)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        _ = FileManager.default.createFile(atPath: s.file("hpo.out"), contents: nil)
        let out = FileHandle(forWritingAtPath: s.file("hpo.out"))!
        out.seekToEndOfFile()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        return process
    }

    static func finish(_ arguments: [String], in s: Scratch, environment: [String: String] = [:]) throws -> Int32 {
        let process = try hpo(arguments, in: s, environment: environment)
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func trials(_ s: Scratch, run: String) throws -> [TrialRecord] {
        let store = try RunStore.open(layout: try RunLayout(root: s.file("runs"), name: run), readOnly: true)
        return try store.trials()
    }

    /// Waits (up to 60 s) until `condition` holds.
    static func wait(_ what: String, _ condition: () throws -> Bool) throws {
        var failure: (any Error)?
        let held = Waiting.until(seconds: 60) {
            do { return try condition() } catch { failure = error; return true }
        }
        if let failure { throw failure }
        guard held else { throw WaitTimeout(what: what) }
    }

    struct WaitTimeout: Error { let what: String }

    static func squeue(_ job: String) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["squeue", "--states=all", "--noheader", "--Format=State", "--jobs=" + job]
        let out = Pipe()
        p.standardOutput = out
        try? p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func scancel(_ job: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["scancel", job]
        try? p.run()
        p.waitUntilExit()
    }

    @Test func aBayesSweepOfThreeConcurrentJobsGivesTheResultsOfALocalRun() throws {
        let s = try Self.scratch()
        defer { s.remove() }
        let sweep = ["--strategy", "bayes", "--trials", "6", "--parallel", "3", "--seed", "4", "--no-snapshot",
                     "--root", s.file("runs"), "--", "python3", "train.py", "--x", "uniform(0, 1)"]
        #expect(try Self.finish(["search", "--backend", "slurm", "--name", "onslurm"] + sweep, in: s) == 0, "\(s.read("hpo.out"))")
        #expect(try Self.finish(["search", "--name", "local"] + sweep, in: s) == 0)
        let slurm = s.read("runs/onslurm/results.csv").split(separator: "\r\n")
        let local = s.read("runs/local/results.csv").split(separator: "\r\n")
        #expect(slurm.first == local.first)   // the same header
        #expect(slurm.count == 7 && local.count == 7)
        // Rows in finishing order, which timing decides; by trial they hold the same states, steps,
        // exit codes and attempts, and the seeded initial design gives the same first trials.
        // (Later bayes suggestions depend on which trials had finished when they were asked for.)
        let fields = { (rows: [Substring]) in rows.dropFirst().map { $0.split(separator: ",").map(String.init) }
            .sorted { Int($0[0])! < Int($1[0])! } }
        let onSlurm = fields(slurm), onLocal = fields(local)
        #expect(onSlurm.map { [$0[0], $0[1], $0[4], $0[6], $0[7]] } == onLocal.map { [$0[0], $0[1], $0[4], $0[6], $0[7]] })
        #expect(onSlurm.prefix(3).map { $0[2] } == onLocal.prefix(3).map { $0[2] })
        let trials = try Self.trials(s, run: "onslurm")
        #expect(trials.allSatisfy { $0.job != nil && $0.state == .succeeded })
        // Three jobs at once: trial 2 was submitted before trial 0 finished.
        #expect(Set(trials.compactMap(\.job)).count == 6)
        #expect(trials[2].createdAt < trials[0].finishedAt!)
        // Recorded times are the jobs' own, as their scripts wrote them, not the later polls that saw them.
        for trial in trials {
            let directory = "runs/onslurm/trials/\(trial.number)/"
            let started = try #require(Double(s.read(directory + "started_at").trimmingCharacters(in: .whitespacesAndNewlines)))
            let ended = try #require(Double(s.read(directory + "exit_status").split(separator: " ").last?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
            // The script's stamp, or the poll that saw the job running before the script got that far.
            #expect(trial.startedAt!.timeIntervalSince1970 <= started + 0.001, "trial \(trial.number)")
            #expect(abs(trial.finishedAt!.timeIntervalSince1970 - ended) < 0.001, "trial \(trial.number)")
        }
    }

    @Test func ashaPrunesThroughScancel() throws {
        let s = try Self.scratch()
        defer { s.remove() }
        let status = try Self.finish(["run", "--backend", "slurm", "--name", "asha", "--parallel", "4", "--no-snapshot",
                                      "--root", s.file("runs"), "--early-stopping", "asha", "--min-resource", "1",
                                      "--reduction-factor", "3", "--max-resource", "12",
                                      "--", "python3", "train.py", "--x", "[0.3, 0.31, 0.32, 2.0, 2.5, 3.0]"],
                                     in: s, environment: ["HPO_STEPS": "12", "HPO_STEP_SECONDS": "0.5"])
        #expect(status == 0, "\(s.read("hpo.out"))")
        let trials = try Self.trials(s, run: "asha")
        let pruned = trials.filter { $0.state == .pruned }
        #expect(!pruned.isEmpty, "\(trials.map(\.state))")
        #expect(pruned.allSatisfy { ($0.steps ?? 12) < 12 && $0.explanation?.contains("rung") == true })
        #expect(pruned.allSatisfy { ["CANCELLED", "FAILED", "COMPLETED"].contains(Self.squeue($0.job!)) })
    }

    @Test func aJobCancelledFromOutsideIsCancelled() throws {
        let s = try Self.scratch()
        defer { s.remove() }
        let hpo = try Self.hpo(["run", "--backend", "slurm", "--name", "outside", "--no-snapshot", "--root", s.file("runs"),
                                "--", "python3", "train.py", "--x", "[0.5]"],
                               in: s, environment: ["HPO_STEPS": "100", "HPO_STEP_SECONDS": "0.2"])
        var job = ""
        try Self.wait("the trial to run") {
            guard let trial = try? Self.trials(s, run: "outside").first, trial.state == .running else { return false }
            job = trial.job!
            return true
        }
        Self.scancel(job)
        hpo.waitUntilExit()
        let trial = try #require(try Self.trials(s, run: "outside").first)
        #expect(trial.state == .cancelled)
        #expect(trial.explanation == SchedulerEnd.cancelled.explanation)
    }

    @Test func killNineOfTheControllerAndResumeReattachToTheRunningJobs() throws {
        let s = try Self.scratch()
        defer { s.remove() }
        let environment = ["HPO_STEPS": "10", "HPO_STEP_SECONDS": "0.3"]
        let hpo = try Self.hpo(["run", "--backend", "slurm", "--name", "k9", "--parallel", "2", "--no-snapshot",
                                "--root", s.file("runs"), "--", "python3", "train.py", "--x", "[0.1, 0.2]"],
                               in: s, environment: environment)
        var jobs: [String] = []
        try Self.wait("both trials to run and report") {
            let trials = (try? Self.trials(s, run: "k9")) ?? []
            jobs = trials.compactMap(\.job)
            return trials.count == 2 && trials.allSatisfy { $0.state == .running }
                && s.read("runs/k9/trials/1/metrics.jsonl").contains("\"step\": 2")
        }
        kill(hpo.processIdentifier, SIGKILL)
        hpo.waitUntilExit()
        // The jobs outlive their controller (on a slow machine they may be finishing already).
        #expect(jobs.allSatisfy { ["RUNNING", "COMPLETING", "COMPLETED"].contains(Self.squeue($0)) })

        #expect(try Self.finish(["resume", "k9", "--root", s.file("runs")], in: s, environment: environment) == 0,
                "\(s.read("hpo.out"))")
        #expect(s.read("hpo.out").contains("Slurm job \(jobs[0]) was submitted before; following it again, not resubmitting"))
        let trials = try Self.trials(s, run: "k9")
        #expect(trials.map(\.job) == jobs)               // the same jobs: nothing submitted twice
        #expect(trials.allSatisfy { $0.state == .succeeded && $0.attempt == 1 && $0.steps == 10 })
        let rows = s.read("runs/k9/results.csv").split(separator: "\r\n").dropFirst()
        #expect(rows.count == 2)
    }

    @Test func twoRanksSeeRanksZeroAndOneWithOneMasterAddressAndPort() throws {
        let s = try Self.scratch()
        defer { s.remove() }
        #expect(try Self.finish(["run", "--backend", "slurm", "--ranks-per-node", "2", "--name", "ranks", "--no-snapshot",
                                 "--root", s.file("runs"), "--", "python3", "train.py", "--x", "[0.3]"], in: s) == 0,
                "\(s.read("hpo.out"))")
        let rank0 = s.read("runs/ranks/trials/0/artifacts/rank0").split(separator: " ")
        let rank1 = s.read("runs/ranks/trials/0/artifacts/rank1").split(separator: " ")
        #expect(rank0.prefix(3) == ["0", "0", "2"] && rank1.prefix(3) == ["1", "1", "2"])
        #expect(rank0.count == 5 && rank0.suffix(2) == rank1.suffix(2) && Int(rank0[4]) != nil)
        // Rank 0's metrics count; rank 1's are kept beside them.
        #expect(try Self.trials(s, run: "ranks").first?.steps == 3)
        #expect(s.read("runs/ranks/trials/0/metrics.rank1.jsonl").split(separator: "\n").count == 3)
    }

    @Test func aDetachedSweepRunsWithoutItsTerminal() throws {
        let s = try Self.scratch()
        defer { s.remove() }
        #expect(try Self.finish(["search", "--backend", "slurm", "--detach", "--strategy", "random", "--trials", "3",
                                 "--parallel", "3", "--name", "away", "--no-snapshot", "--root", s.file("runs"),
                                 "--", "python3", "train.py", "--x", "uniform(0, 1)"], in: s) == 0)
        #expect(s.read("hpo.out").contains("run away: its controller is Slurm job "))
        try Self.wait("the detached run to complete") {
            (try? RunStore.open(layout: try RunLayout(root: s.file("runs"), name: "away"), readOnly: true).run().state)
                == .completed
        }
        #expect(try Self.trials(s, run: "away").map(\.state) == [.succeeded, .succeeded, .succeeded])
        let status = try HPOProcess.run(["status", "away", "--root", s.file("runs")])
        #expect(status.status == 0 && status.stdout.contains("completed"))
    }
}
