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
            changed command, parameters, strategy, seed, metric, early stopping,
            backend or ranks (from options, --config or a command after --) is
            refused with a diff unless --force. --trials extends the budget.

            Only one hpo controls a run at a time: a second one fails at once,
            naming the first (pid, host, since).
            """
    )

    @Argument(help: ArgumentHelp("The run to continue (its name under the root).", valueName: "run"))
    var runName: String

    @OptionGroup var sweep: SweepOptions

    @Option(help: ArgumentHelp("A sweep file (YAML) to compare with the stored sweep.", valueName: "file"))
    var config: String?

    @Flag(help: "Go on with a changed command, parameters, strategy, seed, metric, early stopping, backend or ranks.")
    var force = false

    @Flag(help: "Take the run's lock although it names an hpo on another host (check that it no longer runs).")
    var takeOver = false

    @Argument(parsing: .postTerminator,
              help: ArgumentHelp("A changed command for the trials, after --.", valueName: "command"))
    var command: [String] = []

    func run() throws {
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
        if stored.command.writtenArguments.isEmpty {
            throw InputError("run \(runName) is a Swift driver's Study: it has no command for hpo to run. Continue it by "
                             + "starting its driver again, which reopens it with Study.open(run: \"\(runName)\")")
        }
        var overrides = try sweep.overrides()
        var base = try config.map { path throws in
            try SweepSpec.load(contentsOf: path, seed: overrides.seed, defaultSeed: stored.seed)
        } ?? stored
        // The priors were copied in when the run was made: a file without warm_start keeps them.
        if base.warmStart.isEmpty { base.warmStart = stored.warmStart }
        if let program = command.first {
            // A script typed as for hpo run (train.py) gets the launcher its run was made with.
            var argv = command
            let launcher = CommandLineSweep.launcher(for: program)
            if !launcher.isEmpty, stored.command.writtenArguments.starts(with: launcher + [program]) {
                argv = launcher + argv
            }
            let inline = try CommandLineSweep(parsing: argv, seed: overrides.seed ?? base.seed, base: base.space.parameters)
            overrides.command = inline.template
            overrides.parameters = inline.space.parameters
        }
        var spec = try base.merged(with: overrides)
        try sweep.applyEarlyStopping(to: &spec)
        try sweep.applyBackend(to: &spec)
        let settings = try RunSettings.load(layout)
        var execution = try sweep.executionOptions(
            base: try settings?.executionOptions(environment: ProcessInfo.processInfo.environment) ?? ExecutionOptions())
        execution.datastores = try sweep.datastoreFlags(over: execution.datastores)
        try SweepLauncher.resume(layout, spec: spec, slots: sweep.slotRequest(), options: execution, force: force,
                                 takeOver: takeOver)
    }
}
