import ArgumentParser
import Execution
import Foundation

/// The one launch path of `hpo run`, `hpo search` and `hpo resume`: the sweep goes through
/// Execution's `Sweep.prepare`/`Sweep.start` or `Sweep.resume` — what a Swift program calls —
/// then runs in the foreground with the same progress, summary and exit codes.
enum SweepLauncher {
    /// `hpo run` and `hpo search`: checks everything (the same for `--dry-run`), then
    /// previews, submits the controller (`--detach`) or starts and runs the sweep, the new
    /// run tagged with `tags` (`--tag`, `--note`). `enqueue`: configurations to try first
    /// (`hpo search --enqueue`), already checked.
    static func start(_ spec: SweepSpec, options: SweepOptions, tags: RunTags = RunTags(),
                      enqueue: [(configuration: Configuration, source: String)] = []) throws {
        var spec = spec
        try options.applyEarlyStopping(to: &spec)
        try options.applyBackend(to: &spec)
        var execution = try options.executionOptions()
        execution.snapshot = try options.snapshotRequest()
        execution.datastores = try options.datastoreFlags()
        let plan = try Sweep.prepare(spec, slots: options.slotRequest(), options: execution)
        if options.dryRun {
            if options.seed == nil && plan.spec.strategy != .grid {
                Terminal.printError("seed \(plan.spec.seed) (--seed \(plan.spec.seed) gives these trials again)")
            }
            for line in try DryRun.lines(for: plan.spec, strategy: plan.strategy) { print(line) }
            return
        }
        if options.detach {
            try DetachedController.submit(spec: plan.spec, options: options)
            return
        }
        let progress = Progress()
        let sweep: Sweep
        do {
            sweep = try Sweep.start(plan, root: options.resolvedRoot, observer: progress.handle)
        } catch where (error as? any ExitStatusError)?.exitStatus ?? .fault == .fault {
            throw RunNotCreated(cause: error)
        }
        if tags != RunTags() { try sweep.store.updateTags(add: tags.tags, note: tags.note) }
        if !enqueue.isEmpty { try sweep.store.enqueue(enqueue, at: Date(), notify: false) }
        Terminal.printError("run \(sweep.layout.name): \(plan.budget) trial\(plan.budget == 1 ? "" : "s"), "
                            + "\(plan.strategy.name) search, seed \(plan.spec.seed), \(plan.slots.capacity) at a time; "
                            + "files in \(shown(sweep.layout.directory))")
        for line in try continuationLines(sweep.store) { Terminal.printError(line) }
        try run(sweep, spec: plan.spec, usesGPUs: plan.slots.usesGPUs, progress: progress)
    }

    /// `hpo resume`: continues the run in `layout` with `spec` (the stored sweep with what was
    /// given over it), or says it had finished.
    static func resume(_ layout: RunLayout, spec: SweepSpec, slots: SlotRequest, options: ExecutionOptions,
                       force: Bool, takeOver: Bool) throws {
        let progress = Progress()
        let resumption = try Sweep.resume(layout, spec: spec, slots: slots, options: options, force: force,
                                          takeOver: takeOver, observer: progress.handle)
        switch resumption {
        case .finished(let summary, let report):
            say(report)
            print("run \(layout.name) is finished (\(summary.run.state.rawValue): \(counts(summary.counts))); "
                  + "nothing to resume")
            print("results: \(layout.resultsFile)")
        case .resumed(let sweep, let report):
            say(report)
            let summary = try sweep.store.summary()
            let new = max(0, try spec.budget() - summary.total)
            let slots = try RunSettings.load(layout)   // as resuming saved them
            Terminal.printError("resuming run \(layout.name): \(summary.finished) finished, \(report.waiting.count) to run "
                                + "again, \(new) new trial\(new == 1 ? "" : "s") left, \(spec.strategy.rawValue) search, "
                                + "seed \(spec.seed), "
                                + "\(slots?.capacity ?? spec.parallel) at a time; files in \(layout.directory)")
            for line in try continuationLines(sweep.store) { Terminal.printError(line) }
            try run(sweep, spec: spec, usesGPUs: !(slots?.gpus.isEmpty ?? true), progress: progress)
        }
    }

    /// `warm start: 40 prior trials from run lr-1 (3 dropped: …); they train the model, outside
    /// the budget` and `enqueued: 2 configurations run first`, for the start lines.
    static func continuationLines(_ store: RunStore) throws -> [String] {
        var lines = try store.warmStarts().map { "warm start: \($0.line); they train the model, outside the budget" }
        let waiting = try store.enqueued().count
        if waiting > 0 { lines.append("enqueued: \(waiting == 1 ? "1 configuration runs" : "\(waiting) configurations run") first") }
        return lines
    }

    /// What resuming found, on stderr.
    static func say(_ report: ResumeReport) {
        if let holder = report.previousHolder {
            Terminal.printError("warning: took over the run's lock from \(holder): that hpo is gone "
                                + "(killed or crashed without releasing it)")
        }
        if let diff = report.forcedChanges {
            Terminal.printError("warning: going on with a changed sweep (--force; - stored, + given):\n\(diff)")
        }
        for change in report.settingChanges { Terminal.printError("changed: \(change)") }
        if report.resultsRepaired {
            Terminal.printError("results.csv did not match run.db (the source of truth): rewritten from it")
        }
        for (trial, job) in report.reattached {
            Terminal.printError("trial \(trial): Slurm job \(job) was submitted before; following it again, not resubmitting")
        }
        for attempt in report.interrupted {
            let what: String
            switch attempt.processes.count {
            case 0: what = "no process of it was left"
            case 1: what = "pid \(attempt.processes[0]) stopped"
            default: what = "\(attempt.processes.count) processes stopped"
            }
            let how = attempt.processes.isEmpty ? "" : (attempt.killed ? " with SIGKILL after the grace period" : " with SIGTERM")
            Terminal.printError("trial \(attempt.trial): attempt \(attempt.attempt) was cut off (\(what)\(how)); "
                                + "it runs again as attempt \(attempt.attempt + 1)")
        }
    }

    /// Runs the controller with the progress printer, prints the summary, and throws
    /// `RunEnded` unless the run completed.
    static func run(_ sweep: Sweep, spec: SweepSpec, usesGPUs: Bool, progress: Progress) throws {
        let printer = ProgressPrinter(spec: spec, runName: sweep.layout.name, store: sweep.store)
        progress.printer = printer
        let state: RunState
        do {
            state = try sweep.controller.run()
        } catch {
            printer.finish()
            throw error
        }
        printer.finish()
        try summarize(sweep, state: state, spec: spec, slotTime: sweep.controller.slotTime, gpus: usesGPUs)
        if state != .completed { throw RunEnded(state: state) }
    }

    /// Where a run's events go: notices to stderr until the run has its first line (the
    /// snapshot's size and warnings), then the progress printer.
    final class Progress {
        var printer: ProgressPrinter?

        func handle(_ event: ControllerEvent) {
            if let printer {
                printer.handle(event)
            } else if case .notice(let text) = event {
                Terminal.printError(text)
            }
        }
    }

    /// `28 succeeded, 2 failed`: the counts by state, by name; `no trials` when there are none.
    static func counts(_ counts: [TrialState: Int]) -> String {
        let text = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
        return text.isEmpty ? "no trials" : text.joined(separator: ", ")
    }

    /// The counts by state, the best trial and the command that reproduces it.
    static func summarize(_ sweep: Sweep, state: RunState, spec: SweepSpec, slotTime: SlotTime, gpus: Bool) throws {
        let summary = try sweep.store.summary()
        print("\nrun \(sweep.layout.name) \(state.rawValue): \(counts(summary.counts)) (seed \(spec.seed))")
        if spec.isMultiObjective {
            let front = try sweep.store.paretoFront().map { String($0.number) }
            print("pareto front: \(front.count == 1 ? "1 trial" : "\(front.count) trials")"
                  + (front.isEmpty ? "" : " (\(front.joined(separator: ", ")))") + "; see them with: hpo best \(sweep.layout.name)")
        } else if let best = summary.best, let objective = best.objective {
            print("best: trial \(best.number), \(spec.metric.name) \(Format.number(objective))")
            if let argv = try? spec.command.render(best.configuration, in: spec.space) {
                print("  " + ShellQuoting.display(argv))
            }
        }
        print(timeLine(slotTime, unit: gpus ? "GPU" : "slot"))
        print("results: \(shown(sweep.layout.resultsFile))")
        if state != .completed { print("continue it with: hpo resume \(sweep.layout.name)") }
    }
}

extension SweepLauncher {
    /// `slot time: 0.0123 slot-hours; early stopping saved about 0.0040 slot-hours (3 pruned,
    /// 1 stopped by patience; against the median trial that ran to its end)`. The saving is
    /// left out when early stopping ended no trial; without a trial that ran to its end to
    /// compare with, only the counts are given.
    /// A path as the person can use it from where they are: relative to the current
    /// directory when it lies inside it (`runs/x/results.csv`), else absolute.
    static func shown(_ path: String, from directory: String = FileManager.default.currentDirectoryPath) -> String {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    static func timeLine(_ slotTime: SlotTime, unit: String) -> String {
        let line = "\(unit) time: \(Format.hours(slotTime.used)) \(unit)-hours"
        guard !slotTime.stoppedEarly.isEmpty else { return line }
        var stopped: [String] = []
        if slotTime.pruned > 0 { stopped.append("\(slotTime.pruned) pruned") }
        if slotTime.converged > 0 { stopped.append("\(slotTime.converged) stopped by patience") }
        let counts = stopped.joined(separator: ", ")
        guard let saved = slotTime.estimatedSaved else {
            return line + "; early stopping ended \(slotTime.stoppedEarly.count) trial\(slotTime.stoppedEarly.count == 1 ? "" : "s") "
                + "(\(counts); none ran to its end to estimate the saving against)"
        }
        return line + "; early stopping saved about \(Format.hours(saved)) \(unit)-hours (\(counts); "
            + "against the median trial that ran to its end)"
    }
}
