import Execution
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A run whose controller was killed with `kill -9` is `interrupted` in every view, with the
/// trials it left running and the `hpo resume` command; `status --watch` ends.
@Suite struct HPOInterruptedRunTests {
    typealias Scratch = HPOResumeTests.Scratch

    /// `hpo run` of two trials that sleep for a minute, killed with SIGKILL once both run:
    /// the trials live on as orphans. Returns the scratch, the root, hpo's pid and the
    /// trials' pids; `cleanUp` kills the trials.
    struct KilledRun {
        let scratch = Scratch()
        var root: String { scratch.file("runs") }
        var controller: Int32 = 0
        var trials: [Int32] = []

        /// `ready` (given the run's directory) holds once the trials got far enough.
        init(script: String = "import time\ntime.sleep(60)\n", ready: (String) -> Bool = { _ in true }) throws {
            try script.write(toFile: scratch.file("sleep.py"), atomically: true, encoding: .utf8)
            let hpo = try HPOResumeTests.start(["run", "--root", root, "--name", "dead", "--parallel", "2", "sleep.py",
                                                "--n", "[1, 2]"], in: scratch.path, log: scratch.file("log"))
            controller = hpo.processIdentifier
            let layout = try RunLayout(root: root, name: "dead")
            var running: [TrialRecord] = []
            _ = Waiting.until(seconds: 60) {
                guard FileManager.default.fileExists(atPath: layout.database),
                      let store = try? RunStore.open(layout: layout, readOnly: true) else { return false }
                running = (try? store.trials(in: [.running])) ?? []
                return running.count == 2 && ready(layout.directory)
            }
            trials = running.compactMap { $0.process?.pid }
            kill(controller, SIGKILL)
            hpo.waitUntilExit()
        }

        func cleanUp() {
            for pid in trials { kill(-pid, SIGKILL) }
            scratch.remove()
        }
    }

    @Test func statusTableRunAndJSONSayInterruptedWithTheOrphansAndTheResumeCommand() throws {
        let run = try KilledRun()
        defer { run.cleanUp() }
        try #require(run.trials.count == 2, "both trials should have been running")
        let pids = run.trials.sorted()

        let table = try HPOProcess.run(["status", "--root", run.root], in: run.scratch.path)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("dead  interrupted "), "\(table.stdout)")
        // The explanation is wrapped to the terminal's width, continuation lines indented.
        let flat = table.stdout.replacingOccurrences(of: "\n  ", with: " ")
        #expect(flat.contains("\ndead interrupted: its controller (pid \(run.controller) on "), "\(table.stdout)")
        #expect(flat.contains("is gone: killed or crashed; 2 trials still run without it (trial 0: pid \(run.trials[0]), "
                              + "trial 1: pid \(run.trials[1])); continue it with hpo resume dead, which stops them first"))

        let one = try HPOProcess.run(["status", "dead", "--root", run.root], in: run.scratch.path)
        #expect(one.stdout.hasPrefix("run dead: interrupted (its last record: "), "\(one.stdout)")
        #expect(one.stdout.contains("\ninterrupted: its controller (pid \(run.controller) on "))

        let json = try HPOProcess.run(["status", "dead", "--json", "--root", run.root], in: run.scratch.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let info = try #require(object["run"] as? [String: Any])
        #expect(info["state"] as? String == "interrupted")
        let controller = try #require(info["controller"] as? [String: Any])
        #expect(controller["pid"] as? Int == Int(run.controller) && controller["alive"] as? Bool == false)
        let orphans = try #require(info["orphans"] as? [[String: Any]])
        #expect(orphans.compactMap { $0["pid"] as? Int }.sorted() == pids.map(Int.init))
    }

    /// `hpo resume` runs the next attempt of a cut-off trial in the trial's own directory,
    /// with what the first attempt left there.
    @Test func resumeRunsTheNextAttemptInTheTrialsOwnDirectory() throws {
        let run = try KilledRun(script: """
            import os, time
            attempt = os.environ["HPO_ATTEMPT"]
            seen = open("progress").read() if os.path.exists("progress") else ""
            open("progress", "a").write(attempt + "\\n")
            print(attempt, repr(seen), os.getcwd(), flush=True)
            if attempt == "1":
                time.sleep(60)
            open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 1}\\n')
            """, ready: { run in
                (0..<2).allSatisfy { (try? String(contentsOfFile: run + "/trials/\($0)/stdout.log", encoding: .utf8))?.isEmpty == false }
            })
        defer { run.cleanUp() }
        try #require(run.trials.count == 2, "both trials should have been running")
        #expect(try HPOResumeTests.run(["resume", "dead", "--root", run.root], in: run.scratch.path,
                                       log: run.scratch.file("log")) == 0)
        for trial in 0..<2 {
            let work = run.root + "/dead/trials/\(trial)/work"
            #expect(run.scratch.read("runs/dead/trials/\(trial)/stdout.log") == "1 '' \(work)\n2 '1\\n' \(work)\n")
        }
    }

    @Test func statusWatchEndsSayingWhatToDo() throws {
        let run = try KilledRun()
        defer { run.cleanUp() }
        let watch = try HPOProcess.start(["status", "dead", "--watch", "--interval", "0.1s", "--root", run.root],
                                         in: run.scratch.path)
        #expect(watch.wait(upTo: 60) == 0, "status --watch did not end")
        #expect(watch.stdout.contains("· run interrupted"), "\(watch.stdout)")
        #expect(watch.stdout.contains("run dead interrupted: its controller (pid \(run.controller) on "))
    }

    @Test func theDashboardListsAndShowsTheRunAsInterrupted() throws {
        let run = try KilledRun()
        defer { run.cleanUp() }
        let ui = try HPOProcess.start(["ui", "--port", "0", "--root", run.root], in: run.scratch.path)
        defer {
            ui.process.terminate()
            ui.process.waitUntilExit()
        }
        _ = Waiting.until(seconds: 30) { ui.stdout.contains("\n") || !ui.process.isRunning }
        let text = ui.stdout
        let address = try #require(text.split(separator: " ").first { $0.hasPrefix("http://") }.map { String($0.dropLast()) })
        func get(_ path: String) throws -> String {
            let python = Process(), page = Pipe()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = ["python3", "-c", "import sys, urllib.request; r = urllib.request.urlopen(sys.argv[1]); "
                                + "print(r.headers.get('X-Run-State', '')); print(r.read().decode())", address + path]
            python.standardOutput = page
            try python.run()
            let body = String(decoding: page.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            python.waitUntilExit()
            return body
        }
        let list = try get("/")
        #expect(list.contains(">dead</a></td><td><span title=\"its controller (pid \(run.controller) on "), "\(list)")
        #expect(list.contains("\">interrupted</span></td>"))
        let page = try get("/runs/dead")
        #expect(page.contains("data-state=\"interrupted\""))
        #expect(page.contains("<strong>interrupted</strong>: its controller (pid \(run.controller) on "))
        #expect(try get("/runs/dead/live").hasPrefix("interrupted\n"))
    }

    /// A trial that saves and exits 0 on a SIGTERM from outside hpo is recorded succeeded (hpo
    /// cannot see who signalled it); when hpo itself gets SIGTERM within the grace period after,
    /// the same signal probably reached both (a shutdown), and hpo names the trial.
    @Test func aTrialThatExitedZeroJustBeforeHpoGotSigtermIsNamed() throws {
        let s = Scratch()
        defer { s.remove() }
        try """
            import json, os, signal, sys, time
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            with open(os.environ["HPO_METRICS_FILE"], "a") as f:
                f.write(json.dumps({"objective": 1}) + "\\n")
            time.sleep(60)
            """.write(toFile: s.file("train.py"), atomically: true, encoding: .utf8)
        let root = s.file("runs")
        let hpo = try HPOResumeTests.start(["run", "--root", root, "--name", "term", "--parallel", "2", "--grace", "60s",
                                            "train.py", "--n", "[1, 2]"], in: s.path, log: s.file("log"))
        defer { kill(hpo.processIdentifier, SIGKILL) }
        let layout = try RunLayout(root: root, name: "term")
        func trials() -> [TrialRecord] {
            guard FileManager.default.fileExists(atPath: layout.database),
                  let store = try? RunStore.open(layout: layout, readOnly: true) else { return [] }
            return (try? store.trials()) ?? []
        }
        // Both have set their handler once they have written their metric line.
        #expect(Waiting.until(seconds: 60) { (0..<2).allSatisfy { !s.read("runs/term/trials/\($0)/metrics.jsonl").isEmpty } })
        let first = try #require(trials().first { $0.number == 0 }?.process?.pid)
        kill(first, SIGTERM)  // from outside hpo: a person, an out-of-memory guard
        #expect(Waiting.until(seconds: 60) { trials().first { $0.number == 0 }?.state == .succeeded })
        kill(hpo.processIdentifier, SIGTERM)
        hpo.waitUntilExit()
        #expect(hpo.terminationStatus == 130)
        let output = s.read("hpo.out")
        #expect(output.contains("warning: trial 0 exited 0 "), "\(output)")
        #expect(output.contains("s before hpo got SIGTERM: if the same SIGTERM reached it (a shutdown, the end of a batch "
                                + "allocation), it stopped early and its result is partial, yet it is recorded succeeded."))
        #expect(!output.contains("warning: trial 1 exited 0"))
        #expect(trials().map(\.state) == [.succeeded, .queued])  // trial 1: preempted, queued for hpo resume
    }

    /// Slurm's time limit or preemption of the allocation `hpo run` runs in sends SIGTERM to
    /// every process of the job at once — the trial first here, the worse order. hpo was
    /// stopping too, so the trial that saved and exited 0 is preempted, not succeeded, and
    /// `hpo resume` continues it from its checkpoint.
    @Test func aSigtermToEveryProcessOfTheJobPreemptsATrialThatExitsZero() throws {
        let s = Scratch()
        defer { s.remove() }
        try """
            import json, os, signal, sys, time
            ckpt = os.path.join(os.environ["HPO_CHECKPOINT_DIR"], "epoch")
            epoch = int(open(ckpt).read()) if os.environ["HPO_RESUME"] == "1" else 0
            def save(*_):
                open(ckpt, "w").write(str(epoch))
                sys.exit(0)
            signal.signal(signal.SIGTERM, save)
            while epoch < 100:
                time.sleep(0.05)
                epoch += 1
                open(ckpt, "w").write(str(epoch))
                with open(os.environ["HPO_METRICS_FILE"], "a") as f:
                    f.write(json.dumps({"step": epoch, "objective": 1 / epoch}) + "\\n")
            """.write(toFile: s.file("train.py"), atomically: true, encoding: .utf8)
        let root = s.file("runs")
        let hpo = try HPOResumeTests.start(["run", "--root", root, "--name", "job", "train.py", "--x", "[1]"],
                                           in: s.path, log: s.file("log"))
        defer { kill(hpo.processIdentifier, SIGKILL) }
        let layout = try RunLayout(root: root, name: "job")
        #expect(Waiting.until(seconds: 60) { !s.read("runs/job/trials/0/checkpoints/epoch").isEmpty })
        let store = try RunStore.open(layout: layout, readOnly: true)
        let pid = try #require(try store.trial(0)?.process?.pid)
        kill(pid, SIGTERM)
        kill(hpo.processIdentifier, SIGTERM)
        hpo.waitUntilExit()
        #expect(hpo.terminationStatus == 130)
        #expect(try store.transitions(trial: 0).map(\.to).contains(.preempted))
        #expect(try HPOResumeTests.run(["resume", "job", "--root", root], in: s.path, log: s.file("log")) == 0)
        let trial = try #require(try store.trial(0))
        #expect(trial.state == .succeeded && trial.attempt == 2 && trial.steps == 100, "\(trial)")
    }
}
