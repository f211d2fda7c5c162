import ArgumentParser
import Execution
import Foundation

/// Runs a resolved sweep in the foreground, or previews it with `--dry-run`.
enum SweepLauncher {
    static func perform(_ spec: SweepSpec, options: SweepOptions) throws {
        // Every check first, the same for a dry run as for a real one.
        let prepared = try PreparedSweep(spec, options: options)
        let (spec, strategy, slots, execution) = (prepared.spec, prepared.strategy, prepared.slots, prepared.execution)
        if options.dryRun {
            for line in try DryRun.lines(for: spec, strategy: strategy) { print(line) }
            return
        }
        if options.detach {
            try DetachedController.submit(spec: spec, options: options)
            return
        }
        let root = options.resolvedRoot
        var printer: ProgressPrinter?
        let sweep: Sweep
        do {
            sweep = try Sweep.start(spec, strategy: strategy, root: root, slots: slots, options: execution) { event in
                if let printer {
                    printer.handle(event)
                } else if case .notice(let text) = event {
                    Terminal.printError(text)  // the snapshot's size and warnings, before the run's first line
                }
            }
        } catch where ExitStatus.isEnvironmentFailure(error) {
            throw RunNotCreated(cause: error)
        }
        printer = ProgressPrinter(spec: spec, runName: sweep.layout.name, store: sweep.store)
        let budget = try spec.budget()
        Terminal.printError("run \(sweep.layout.name): \(budget) trial\(budget == 1 ? "" : "s"), \(strategy.name) search, "
                            + "\(slots.capacity) at a time; files in \(shown(sweep.layout.directory))")
        let state: RunState
        do {
            state = try sweep.controller.run()
        } catch {
            printer?.finish()
            throw RunFailure(message: "\(error)", code: 1)
        }
        printer?.finish()
        try summarize(sweep, state: state, spec: spec, slotTime: sweep.controller.slotTime, gpus: slots.usesGPUs)
        switch state {
        case .completed: return
        case .cancelled: throw ExitCode(130)
        case .failed, .running, .interrupted: throw ExitCode(1)
        }
    }

    /// The counts by state, the best trial and the command that reproduces it.
    static func summarize(_ sweep: Sweep, state: RunState, spec: SweepSpec, slotTime: SlotTime, gpus: Bool) throws {
        let summary = try sweep.store.summary()
        let counts = summary.counts.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        print("\nrun \(sweep.layout.name) \(state.rawValue): \(counts.isEmpty ? "no trials" : counts)")
        if let best = summary.best, let objective = best.objective {
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

/// A run that could not go on: the message is printed, the exit code is not 2 (the input
/// was fine).
struct RunFailure: Error, CustomStringConvertible {
    let message: String
    let code: Int32
    var description: String { message }
}
