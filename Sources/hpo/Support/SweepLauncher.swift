import ArgumentParser
import Execution
import Foundation

/// Runs a resolved sweep in the foreground, or previews it with `--dry-run`.
enum SweepLauncher {
    static func perform(_ spec: SweepSpec, options: SweepOptions) throws {
        if options.dryRun {
            for line in try DryRun.lines(for: spec) { print(line) }
            return
        }
        let strategy = try makeStrategy(name: spec.strategy.rawValue)
        if let rule = spec.earlyStopping {
            Terminal.printError("warning: early_stopping (\(rule.rule.rawValue)) is read but not applied by the executor yet; "
                                + "every trial runs to its end")
        }
        guard !spec.command.isEmpty else { throw SweepPlanError.noCommand }
        let slots = try options.slots(for: spec)
        let execution = try options.executionOptions()
        let root = options.resolvedRoot
        var printer: ProgressPrinter?
        let sweep = try Sweep.start(spec, strategy: strategy, root: root, slots: slots, options: execution) { event in
            printer?.handle(event)
        }
        printer = ProgressPrinter(spec: spec, runName: sweep.layout.name)
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
        try summarize(sweep, state: state, spec: spec)
        switch state {
        case .completed: return
        case .cancelled: throw ExitCode(130)
        case .failed, .running: throw ExitCode(1)
        }
    }

    /// The counts by state, the best trial and the command that reproduces it.
    static func summarize(_ sweep: Sweep, state: RunState, spec: SweepSpec) throws {
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
