import Foundation
import Testing
@testable import Execution

/// Every trial of a run with a snapshot runs in its own copy of it, `trials/<n>/work`, kept
/// across its attempts.
@Suite struct ControllerTrialDirectoryTests {
    /// A workspace `ws/` holding `files`, and options that snapshot it and start there.
    static func workspace(_ h: SweepHarness, _ files: [String: String], start: String = "ws")
        -> (inout ExecutionOptions) -> Void {
        for (name, text) in files {
            let path = h.scratch.file("ws/" + name)
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                     withIntermediateDirectories: true)
            h.scratch.write("ws/" + name, text)
        }
        return { options in
            options.workingDirectory = h.scratch.file(start)
            options.snapshot = SnapshotRequest(source: h.scratch.file("ws"))
        }
    }

    static func stdout(_ sweep: Sweep, _ trial: Int) -> String {
        (try? String(contentsOfFile: sweep.layout.trial(trial).stdout, encoding: .utf8)) ?? ""
    }

    /// The common script that resumes from `./checkpoint.pt` when it exists: each trial starts
    /// without one, and two trials side by side never overwrite each other's.
    @Test func aCheckpointInTheCurrentDirectoryIsNeverAnotherTrials() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let configure = Self.workspace(h, ["train.py": """
            import os, sys, time
            n = sys.argv[2]
            found = open("checkpoint.pt").read() if os.path.exists("checkpoint.pt") else "none"
            open("checkpoint.pt", "w").write(n)
            time.sleep(0.3)
            print(found, open("checkpoint.pt").read(), os.getcwd())
            open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 1}\\n')
            """])
        let (sweep, state) = try h.run(["python3", "train.py", "--n", "{n}"], space: [.ints("n", [1, 2, 3, 4])],
                                       parallel: 2, configure: configure)
        #expect(state == .completed)
        for trial in 0..<4 {
            #expect(Self.stdout(sweep, trial) == "none \(trial + 1) \(sweep.layout.trial(trial).work)\n", "trial \(trial)")
        }
        #expect(!FileManager.default.fileExists(atPath: sweep.layout.workspace + "/checkpoint.pt"))
    }

    /// A trial that rewrites a file of the workspace changes its own copy only: the next trial
    /// reads the original, and the snapshot keeps it (hard links, or links to read-only files
    /// written through as root, would change it for every trial).
    @Test func rewritingAFileOfTheWorkspaceChangesTheTrialsCopyOnly() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let configure = Self.workspace(h, ["config.txt": "pristine", "edit.py": """
            import os, sys
            print(open("config.txt").read())
            with open("config.txt", "r+") as f:
                f.write("trial " + sys.argv[2])
                f.truncate()
            with open("config.txt", "a") as f:
                f.write(" was here")
            open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 1}\\n')
            """])
        let (sweep, state) = try h.run(["python3", "edit.py", "--n", "{n}"], space: [.ints("n", [1, 2, 3])],
                                       configure: configure)
        #expect(state == .completed)
        for trial in 0..<3 {
            #expect(Self.stdout(sweep, trial) == "pristine\n", "trial \(trial)")
            #expect(try String(contentsOfFile: sweep.layout.trial(trial).work + "/config.txt", encoding: .utf8)
                    == "trial \(trial + 1) was here")
        }
        #expect(try String(contentsOfFile: sweep.layout.workspace + "/config.txt", encoding: .utf8) == "pristine")
        #expect(try String(contentsOfFile: h.scratch.file("ws/config.txt"), encoding: .utf8) == "pristine")
    }

    /// A preempted attempt's next attempt runs in the same directory and finds what it left.
    @Test func aLaterAttemptRunsInTheSameDirectoryAndFindsWhatTheFirstLeft() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let configure = Self.workspace(h, ["attempt.py": """
            import os
            attempt = os.environ["HPO_ATTEMPT"]
            seen = open("progress").read() if os.path.exists("progress") else ""
            open("progress", "a").write(attempt + "\\n")
            print(attempt, repr(seen), os.getcwd())
            if attempt == "1":
                raise SystemExit(int(os.environ["HPO_PREEMPTED_EXIT_CODE"]))
            open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 1}\\n')
            """])
        let (sweep, state) = try h.run(["python3", "attempt.py", "--n", "{n}"], space: [.ints("n", [1, 2])],
                                       configure: configure)
        #expect(state == .completed)
        for trial in 0..<2 {
            let work = sweep.layout.trial(trial).work
            #expect(Self.stdout(sweep, trial) == "1 '' \(work)\n2 '1\\n' \(work)\n", "trial \(trial)")
            #expect(try String(contentsOfFile: work + "/progress", encoding: .utf8) == "1\n2\n")
        }
    }

    /// A sweep started in a subdirectory of the workspace starts each trial at the same place
    /// inside its own copy.
    @Test func aSweepStartedInASubdirectoryStartsThereInsideEachCopy() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let configure = Self.workspace(h, ["src/pwd.py": """
            import os
            print(os.getcwd())
            open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 1}\\n')
            """], start: "ws/src")
        let (sweep, _) = try h.run(["python3", "pwd.py", "--n", "{n}"], space: [.ints("n", [1, 2])], configure: configure)
        for trial in 0..<2 {
            #expect(Self.stdout(sweep, trial) == sweep.layout.trial(trial).work + "/src\n", "trial \(trial)")
        }
        #expect(try RunSettings.load(sweep.layout)?.trialWorkspace?.start == "src")
    }

    /// Copies made ahead for trials that never ran (the run stopped first) are removed.
    @Test func copiesMadeAheadForTrialsThatNeverRanAreRemoved() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let configure = Self.workspace(h, ["weights.bin": String(repeating: "w", count: 100_000)])
        let (sweep, state) = try h.run(["false", "{n}"], space: [.ints("n", Array(1...8))], configure: { options in
            configure(&options)
            options.maximumFailures = 1
        })
        #expect(state == .failed)
        let trials = try FileManager.default.contentsOfDirectory(atPath: sweep.layout.trialsDirectory).sorted()
        #expect(trials == ["0"])
        #expect(FileManager.default.fileExists(atPath: sweep.layout.trial(0).work + "/weights.bin"))
    }
}
