import ArgumentParser
import Execution
import Foundation

/// Runs a resolved sweep in the foreground, or previews it with `--dry-run`.
enum SweepLauncher {
    static func perform(_ spec: SweepSpec, options: SweepOptions) throws {
        var spec = spec
        try options.applyEarlyStopping(to: &spec)
        try options.applyBackend(to: &spec)
        if options.dryRun {
            for line in try DryRun.lines(for: spec) { print(line) }
            return
        }
        let strategy = try makeStrategy(name: spec.strategy.rawValue)
        guard !spec.command.isEmpty else { throw SweepPlanError.noCommand }
        if options.detach {
            try DetachedController.submit(spec: spec, options: options)
            return
        }
        let slots = try options.slots(for: spec)
        var execution = try options.executionOptions()
        execution.earlyStopping = try spec.earlyStopping.map(SweepOptions.rule(for:))
        execution.snapshot = try options.snapshotRequest()
        execution.datastores = try options.datastores(for: spec)
        execution.backend = spec.backendChoice
        execution.ranks = spec.rankLayout
        let root = options.resolvedRoot
        var printer: ProgressPrinter?
        let sweep = try Sweep.start(spec, strategy: strategy, root: root, slots: slots, options: execution) { event in
            if let printer {
                printer.handle(event)
            } else if case .notice(let text) = event {
                Terminal.printError(text)  // the snapshot's size and warnings, before the run's first line
            }
        }
        printer = ProgressPrinter(spec: spec, runName: sweep.layout.name, store: sweep.store)
        let budget = try spec.budget()
        Terminal.printError("run \(sweep.layout.name): \(budget) trial\(budget == 1 ? "" : "s"), \(strategy.name) search, "
                            + "\(slots.capacity) at a time; files in \(sweep.layout.directory)")
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
                print("  " + ShellQuoting.join(argv))
            }
        }
        let unit = gpus ? "GPU" : "slot"
        var time = "\(unit) time: \(Format.hours(slotTime.used)) \(unit)-hours"
        if spec.earlyStopping != nil, let saved = slotTime.estimatedSaved {
            time += "; early stopping saved about \(Format.hours(saved)) (\(slotTime.pruned.count) pruned, "
                + "against the median trial that ran to its end)"
        }
        print(time)
        print("results: \(sweep.layout.resultsFile)")
        if state != .completed { print("continue it with: hpo resume \(sweep.layout.name)") }
    }
}

/// A run that could not go on: the message is printed, the exit code is not 2 (the input
/// was fine).
struct RunFailure: Error, CustomStringConvertible {
    let message: String
    let code: Int32
    var description: String { message }
}
