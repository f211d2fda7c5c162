import ArgumentParser
import Execution
import Foundation
import Search
import SweepConfig

/// `hpo resume RUN`: continues a run after any stop — Ctrl-C, `kill -9` of hpo, a reboot.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a run after Ctrl-C, a crash or a reboot.",
        usage: "hpo resume <run> [<options>] [--config <file>] [-- <command> ...]",
        discussion: """
            Finished trials keep their results. Attempts that were running are
            stopped if anything of them is left (SIGTERM, then SIGKILL after the
            grace period), then run again as their next attempt with the same
            trial number, parameters and HPO_CHECKPOINT_DIR (HPO_ATTEMPT counts
            up; HPO_RESUME=1 when a checkpoint was left). The search goes on from
            the stored results with the same seed. A finished run is left as it is.

            hpo resume RUN alone reuses the stored sweep and settings (working
            directory, slots, time limits). Options given replace settings; a
            changed command, parameters, strategy, seed or metric (from options,
            --config or a command after --) is refused with a diff unless --force.
            --trials extends the budget.

            Only one hpo controls a run at a time: a second one fails at once,
            naming the first (pid, host, since).
            """
    )

    @Argument(help: ArgumentHelp("The run to continue (its name under the root).", valueName: "run"))
    var runName: String

    @OptionGroup var sweep: SweepOptions

    @Option(help: ArgumentHelp("A sweep file (YAML) to compare with the stored sweep.", valueName: "file"))
    var config: String?

    @Flag(help: "Go on with a changed command, parameters, strategy, seed or metric.")
    var force = false

    @Flag(help: "Take the run's lock although it names an hpo on another host (check that it no longer runs).")
    var takeOver = false

    @Argument(parsing: .postTerminator,
              help: ArgumentHelp("A changed command for the trials, after --.", valueName: "command"))
    var command: [String] = []

    func run() throws {
        try Terminal.reportingErrors {
            if sweep.name != nil { throw InputError("--name: a resumed run keeps its name (\(runName))") }
            if sweep.dryRun { throw InputError("--dry-run is for hpo run and hpo search; hpo resume RUN continues a run") }
            if sweep.detach {
                throw InputError("--detach is for hpo run and hpo search; to resume a Slurm run away from this terminal, "
                                 + "submit hpo resume \(runName) in a batch job (sbatch --wrap)")
            }
            if sweep.givesWorkspaceOptions {
                throw InputError("--workspace, --no-snapshot and --snapshot-limit are for a new run; hpo resume runs the "
                                 + "trials where the run's first trials ran")
            }
            let layout = try RunLayout(root: sweep.resolvedRoot, name: runName)
            let stored = try Sweep.storedSpec(of: layout)
            var overrides = try sweep.overrides()
            let base = try config.map { path throws in try SweepSpec.load(contentsOf: path, seed: overrides.seed) } ?? stored
            if let program = command.first {
                // A script typed as for hpo run (train.py) gets the launcher its run was made with.
                var argv = command
                let launcher = CommandLineSweep.launcher(for: program)
                if !launcher.isEmpty, stored.command.writtenArguments.starts(with: launcher + [program]) {
                    argv = launcher + argv
                }
                let inline = try CommandLineSweep(parsing: argv, seed: overrides.seed ?? base.seed)
                overrides.command = inline.template
                overrides.parameters = inline.space.parameters
            }
            var spec = try base.merged(with: overrides)
            try sweep.applyEarlyStopping(to: &spec)
            try sweep.applyBackend(to: &spec)
            let strategy = try makeStrategy(name: spec.strategy.rawValue)
            let settings = try RunSettings.load(layout)
            let environment = ProcessInfo.processInfo.environment
            var execution = try sweep.executionOptions(
                base: try settings?.executionOptions(environment: environment) ?? ExecutionOptions())
            execution.earlyStopping = try spec.earlyStopping.map(SweepOptions.rule(for:))
            execution.datastores = try sweep.datastores(for: spec, over: execution.datastores)
            execution.backend = spec.backendChoice
            execution.ranks = spec.rankLayout
            let slots = try slotLedger(for: spec, settings: settings)
            var printer: ProgressPrinter?
            let resumption = try Sweep.resume(layout, spec: spec, strategy: strategy, slots: slots, options: execution,
                                              force: force, takeOver: takeOver) { event in printer?.handle(event) }
            switch resumption {
            case .finished(let summary, let report):
                say(report)
                let counts = ResumeCommand.counts(summary.counts)
                print("run \(runName) is finished (\(summary.run.state.rawValue): \(counts)); nothing to resume")
                print("results: \(layout.resultsFile)")
            case .resumed(let resumed, let report):
                say(report)
                printer = ProgressPrinter(spec: spec, runName: runName, store: resumed.store)
                let summary = try resumed.store.summary()
                let budget = try spec.budget()
                let new = max(0, budget - summary.total)
                Terminal.printError("resuming run \(runName): \(summary.finished) finished, \(report.waiting.count) to run again, "
                                    + "\(new) new trial\(new == 1 ? "" : "s") left, \(strategy.name) search, "
                                    + "\(slots.capacity) at a time; files in \(layout.directory)")
                let state: RunState
                do {
                    state = try resumed.controller.run()
                } catch {
                    printer?.finish()
                    throw RunFailure(message: "\(error)", code: 1)
                }
                printer?.finish()
                try SweepLauncher.summarize(resumed, state: state, spec: spec, slotTime: resumed.controller.slotTime,
                                            gpus: slots.usesGPUs)
                switch state {
                case .completed: return
                case .cancelled: throw ExitCode(130)
                case .failed, .running, .interrupted: throw ExitCode(1)
                }
            }
        }
    }

    /// The stored slots, unless slot options were given.
    func slotLedger(for spec: SweepSpec, settings: RunSettings?) throws -> SlotLedger {
        guard var settings, sweep.gpus == nil, sweep.gpusPerTrial == nil, sweep.trialsPerGpu == nil else {
            return try sweep.slots(for: spec)
        }
        if let parallel = sweep.parallel {
            settings.capacity = settings.gpus.isEmpty
                ? parallel : min(parallel, settings.gpus.count * settings.trialsPerGPU / settings.gpusPerTrial)
        }
        return try settings.slotLedger()
    }

    /// What resuming found, on stderr.
    func say(_ report: ResumeReport) {
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

    /// `28 succeeded, 2 failed`.
    static func counts(_ counts: [TrialState: Int]) -> String {
        let text = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
        return text.isEmpty ? "no trials" : text.joined(separator: ", ")
    }
}
