import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

/// `Sweep.resume` on runs left in every way a controller can leave one.
@Suite struct ResumeTests {
    /// A trial that logs its start, logs SIGTERM and exits 143 on it, and while the file
    /// `hold` exists waits (as a long training would); then it reports and exits 0.
    static let patient = """
        import signal
        trial, attempt = os.environ["HPO_TRIAL"], os.environ["HPO_ATTEMPT"]
        def log(what):
            with open("trials.log", "a") as f:
                f.write(f"{what} {trial} {attempt} {os.getpid()}\\n")
        def on_term(*_):
            log("term")
            os._exit(143)
        signal.signal(signal.SIGTERM, on_term)
        log("start")
        if os.path.exists("hold"):
            time.sleep(30)
        open(os.environ["HPO_METRICS_FILE"], "a").write(json.dumps({"objective": int(sys.argv[1])}) + "\\n")
        """

    func spec(_ h: SweepHarness, _ script: String, values: [Int], kind: StrategyKind = .grid, trials: Int? = nil,
              name: String = "crashed") throws -> SweepSpec {
        SweepSpec(name: name, command: try CommandTemplate(parsing: ["python3", script, "{x}"]), strategy: kind,
                  trials: trials, seed: 1, parallel: 2, space: try SearchSpace([.ints("x", values)]))
    }

    func options(_ h: SweepHarness) -> ExecutionOptions {
        var o = ExecutionOptions(workingDirectory: h.scratch.path,
                                 environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        o.grace = .seconds(5)
        return o
    }

    /// Starts trial `number` the way the controller does, without the controller.
    func spawn(_ sweep: Sweep, _ backend: LocalBackend, _ number: Int, x: Int, options: ExecutionOptions) throws -> ProcessHandle {
        let trial = try sweep.layout.createTrialDirectories(number)
        let env = TrialEnvironment(run: sweep.layout.name, trial: number, attempt: 1, parameters: [("x", .int(x))],
                                   metricsFile: trial.metrics, artifactsDirectory: trial.artifacts,
                                   checkpointDirectory: trial.checkpoints, visibleDevices: nil)
        let script = (sweep.controller as! Controller<LocalBackend>).spec.command.writtenArguments[1]
        return try backend.launch(LaunchRequest(arguments: ["python3", script, String(x)],
                                                environment: env.merged(over: options.environment),
                                                workingDirectory: options.workingDirectory,
                                                standardOutputPath: trial.stdout, standardErrorPath: trial.stderr))
    }

    func waitForLines(_ h: SweepHarness, _ count: Int) {
        let deadline = ContinuousClock.now + .seconds(10)
        while h.scratch.read("trials.log").split(separator: "\n").count < count && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    @Test func attemptsLeftRunningByADeadControllerAreStoppedThenRunAgainAsTheirNextAttempt() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("patient.py", Self.patient)
        let opts = options(h)
        let first = try Sweep.create(try spec(h, script, values: [0, 1, 2, 3]), strategy: GridStrategy(), root: h.root,
                                    options: opts)
        // What a controller killed with SIGKILL leaves: trial 2 finished (its results.csv row
        // not written), trial 0 running with its pid recorded, trial 1 spawned but killed
        // before its pid was recorded.
        let store = first.store
        let backend = LocalBackend()
        h.scratch.write("hold", "")
        try store.createStartingTrial(number: 0, configuration: ["x": .int(0)], slots: [], at: Date())
        try store.recordLaunch(trial: 0, process: try spawn(first, backend, 0, x: 0, options: opts), at: Date())
        try store.createStartingTrial(number: 1, configuration: ["x": .int(1)], slots: [], at: Date())
        let unrecorded = try spawn(first, backend, 1, x: 1, options: opts)
        try store.createStartingTrial(number: 2, configuration: ["x": .int(2)], slots: [], at: Date())
        try store.recordLaunch(trial: 2, process: ProcessHandle(pid: 1, processGroup: 1, startTime: 1), at: Date())
        try store.recordFinish(trial: 2, state: .succeeded, exitCode: 0, objective: 2, steps: 1, at: Date())
        (first.controller as! Controller<LocalBackend>).runLock?.release()
        waitForLines(h, 2)
        try FileManager.default.removeItem(atPath: h.scratch.file("hold"))

        guard case .resumed(let sweep, let report) = try Sweep.resume(first.layout) else {
            Issue.record("the run was taken as finished")
            return
        }
        #expect(!backend.isAlive(unrecorded))
        _ = backend.collectExits()
        #expect(report.interrupted.map(\.trial) == [0, 1])
        #expect(report.interrupted.allSatisfy { $0.processes.count == 1 && !$0.killed && $0.attempt == 1 })
        #expect(report.waiting == [0, 1])
        #expect(report.resultsRepaired)
        #expect(h.csvRows(sweep).map { $0[0] } == ["trial", "2"])
        for n in [0, 1] {
            let trial = try #require(try sweep.store.trial(n))
            #expect(trial.state == .queued && trial.attempt == 2)
            #expect(try sweep.store.transitions(trial: n).suffix(2).map(\.to) == [.preempted, .queued])
        }
        let log = h.scratch.read("trials.log")
        #expect(log.contains("term 0 1 ") && log.contains("term 1 1 "))

        let state = try sweep.controller.run()
        #expect(state == .completed)
        let csv = h.csvRows(sweep)
        let attempts = try #require(csv.first?.firstIndex(of: "attempts"))
        let rows = csv.dropFirst().map { [$0[0], $0[1], $0[attempts]] }
        #expect(rows.sorted { $0[0] < $1[0] } == [["0", "succeeded", "2"], ["1", "succeeded", "2"],
                                                   ["2", "succeeded", "1"], ["3", "succeeded", "1"]])
        #expect(RunLock.recordedHolder(directory: sweep.layout.directory) == nil)   // released cleanly
    }

    @Test func aFinishedRunIsLeftAsItIsAndATornResultsTailIsRepaired() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("quick.py", "open(os.environ['HPO_METRICS_FILE'], 'a').write('{\"objective\": 1}\\n')\n")
        let (sweep, _) = try h.run(["python3", script, "{x}"], space: [.ints("x", [0, 1, 2])])
        let intact = h.scratch.read("runs/test/results.csv")
        let transitions = try sweep.store.transitions(trial: 1).count
        // A crash in the middle of a row (a power cut: the store committed, the row half written).
        let torn = String(intact.dropLast(9))
        try torn.write(toFile: sweep.layout.resultsFile, atomically: true, encoding: .utf8)

        guard case .finished(let summary, let report) = try Sweep.resume(sweep.layout) else {
            Issue.record("a finished run was resumed")
            return
        }
        #expect(summary.finished == 3 && report.resultsRepaired)
        #expect(h.scratch.read("runs/test/results.csv") == intact)
        guard case .finished(_, let again) = try Sweep.resume(sweep.layout) else { return }
        #expect(!again.resultsRepaired)
        #expect(h.scratch.read("runs/test/results.csv") == intact)
        #expect(try sweep.store.transitions(trial: 1).count == transitions)
        #expect(try sweep.store.run().state == .completed)
    }

    @Test func aSecondControllerOfTheSameRunFailsAtOnceNamingTheHolder() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let first = try Sweep.create(try spec(h, "x.py", values: [0]), strategy: GridStrategy(), root: h.root,
                                    options: options(h))
        #expect {
            _ = try Sweep.resume(first.layout)
        } throws: { error in
            guard case .held(_, let holder?) = error as? RunLockError else { return false }
            return holder.pid == getpid() && "\(error)".contains("another hpo controls this run: pid \(getpid())")
        }
    }

    @Test func aChangedSearchIsRefusedWithADiffAndTakenWithForce() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("quick.py", "open(os.environ['HPO_METRICS_FILE'], 'a').write('{\"objective\": 1}\\n')\n")
        let (sweep, _) = try h.run(["python3", script, "{x}"], space: [.ints("x", [0, 1])])
        var changed = (sweep.controller as! Controller<LocalBackend>).spec
        changed.space = try SearchSpace([.ints("x", [0, 1, 5])])
        #expect {
            _ = try Sweep.resume(sweep.layout, spec: changed)
        } throws: { error in
            "\(error)" == """
                the sweep given differs from the one run test was started with (- stored, + given):
                  parameters:
                -   x: '[0, 1]'
                +   x: '[0, 1, 5]'
                hpo resume test alone continues the stored sweep; add --force to go on with the new one \
                (finished trials keep their results)
                """
        }
        #expect(try sweep.store.trials().count == 2)   // nothing changed
        guard case .resumed(let forced, let report) = try Sweep.resume(sweep.layout, spec: changed,
                                                                       force: true) else {
            Issue.record("the forced resume did nothing")
            return
        }
        #expect(report.forcedChanges?.contains("+   x: '[0, 1, 5]'") == true)
        #expect(try forced.controller.run() == .completed)
        #expect(try forced.store.trials().map(\.configuration) == [["x": .int(0)], ["x": .int(1)], ["x": .int(5)]])
        #expect(try Sweep.storedSpec(of: sweep.layout).space == changed.space)
        #expect(h.csvRows(forced).count == 4)
    }

    @Test func aResumedRandomSearchDrawsWhatAnUninterruptedOneDraws() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("quick.py", "open(os.environ['HPO_METRICS_FILE'], 'a').write('{\"objective\": 1}\\n')\n")
        let space = [Parameter("lr", .real(low: 1e-5, high: 1e-1, log: true)), .ints("x", [1, 2, 3])]
        let (whole, _) = try h.run(["python3", script, "{lr}", "{x}"], space: space, strategy: RandomStrategy(),
                                   kind: .random, trials: 6, parallel: 2, name: "whole")
        let (part, _) = try h.run(["python3", script, "{lr}", "{x}"], space: space, strategy: RandomStrategy(),
                                  kind: .random, trials: 3, parallel: 2, name: "part")
        var more = (part.controller as! Controller<LocalBackend>).spec
        more.trials = 6
        guard case .resumed(let resumed, let report) = try Sweep.resume(part.layout, spec: more)
        else { Issue.record("not resumed"); return }
        #expect(report.settingChanges == ["trials: 3 → 6"])
        #expect((resumed.controller as! Controller<LocalBackend>).core.curves.curves.map(\.trial) == [0, 1, 2])   // the early-stopping curves, from the store
        #expect((resumed.controller as! Controller<LocalBackend>).core.completed.count == 3)
        _ = try resumed.controller.run()
        #expect(try resumed.store.trials().map(\.configuration) == (try whole.store.trials().map(\.configuration)))
    }

    /// Under ASHA the strategy hears every curve: a resumed run rebuilds them from the stored
    /// points, so it tells the strategy what the uninterrupted run told it at that point.
    @Test func aResumedRunTellsTheStrategyTheCurvesAnUninterruptedOneTold() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("curve.py", ControllerCurveContextTests.improving)
        // The rule comes from the sweep's spec, as `hpo run` and `hpo resume` take it.
        func run(trials: Int?, name: String) throws -> Sweep {
            var spec = try spec(h, script, values: [1, 2, 3, 4, 5, 6], trials: trials, name: name)
            spec.parallel = 1
            spec.earlyStopping = ControllerCurveContextTests.ashaSpec
            let sweep = try Sweep.create(spec, strategy: GridStrategy(), root: h.root, options: try options(h).following(spec))
            #expect(try sweep.controller.run() == .completed)
            return sweep
        }
        let whole = try run(trials: nil, name: "whole")
        let part = try run(trials: 3, name: "part")
        var more = (part.controller as! Controller<LocalBackend>).spec
        more.trials = 6
        guard case .resumed(let resumed, _) = try Sweep.resume(part.layout, spec: more)
        else { Issue.record("not resumed"); return }
        let core = (resumed.controller as! Controller<LocalBackend>).core
        let uninterrupted = (whole.controller as! Controller<LocalBackend>).core.completed
        #expect(core.completed.map(\.curve.count) == [3, 3, 3])
        #expect(core.completed == Array(uninterrupted.prefix(3)))
        #expect(core.settings.earlyStopping?.resources == ResourceLadder(minResource: 1, reductionFactor: 3, maxResource: 3))
    }

    /// A run an older hpo let a Swift program start with a strategy object other than its
    /// sweep's: the store's record of what ran is the stored sweep, so resuming it with
    /// the sweep.yaml's strategy is a change, refused with the diff.
    @Test func aRunIsResumedAsItRanNotAsItsFileSays() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("quick.py", "open(os.environ['HPO_METRICS_FILE'], 'a').write('{\"objective\": 1}\\n')\n")
        let (sweep, _) = try h.run(["python3", script, "{lr}"], space: [Parameter("lr", .real(low: 0, high: 1, log: false))],
                                   strategy: RandomStrategy(), kind: .bayes, trials: 2)
        let written = try SweepSpec(yaml: try String(contentsOfFile: sweep.layout.sweepFile, encoding: .utf8))
        #expect(written.strategy == .bayes)
        #expect(try Sweep.storedSpec(of: sweep.layout).strategy == .random)
        #expect { _ = try Sweep.resume(sweep.layout, spec: written) } throws: {
            "\($0)".contains("\n- strategy: random\n+ strategy: bayes\n")
        }
    }
}
