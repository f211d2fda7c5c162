import ArgumentParser
import Execution
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `hpo logs RUN TRIAL [-f] [--stderr]`: a trial's output, optionally followed live.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print a trial's output; -f follows it until the trial ends.",
        discussion: """
            Prints trials/<n>/stdout.log of the run (stderr.log with --stderr).
            With -f, waits for the trial to be created and started if it has not
            (while the run is running), prints output as it is written, and exits 0
            once the trial has ended and everything it wrote is printed. Ctrl-C
            stops following at any time. A FIFO or a symbolic link out of the
            trial's directory in place of the log is not read (exit 1).

            Examples:
              hpo logs brisk-heron-1 3
              hpo logs brisk-heron-1 3 -f --stderr
            """
    )

    @OptionGroup var location: RootOption

    @Flag(name: [.customShort("f"), .long], help: "Keep printing new output until the trial ends.")
    var follow = false

    @Flag(name: .customLong("stderr"), help: "Print the trial's standard error instead of its standard output.")
    var standardError = false

    @Argument(help: ArgumentHelp("The run's name.", valueName: "run"))
    var runName: String

    @Argument(help: ArgumentHelp("The trial's number.", valueName: "trial"))
    var trialNumber: Int

    /// How often `-f` looks at the file and the trial's state: output shows within this
    /// delay, and each look is one read-only query that never blocks the controller.
    static let pollInterval: useconds_t = 200_000

    func run() throws {
        do {
            let root = location.resolved()
            let (layout, store) = try root.open(runName)
            let stream = standardError ? "stderr" : "stdout"
            guard let found = try follow ? awaitTrial(root: root, store: store) : root.trial(trialNumber, in: store)
            else { throw ExitCode(1) }
            var trial = found
            let files = layout.trial(trialNumber)
            let follower = LogFollower(path: standardError ? files.stderr : files.stdout)
            follower.drain()
            guard follow else {
                try finish(follower, trial, stream: stream)
                return
            }
            var waitingNoted = false
            while !trial.state.isFinal {
                if !follower.isOpen && follower.refusal == nil && !waitingNoted {
                    Terminal.printError("hpo logs: trial \(trialNumber) is \(trial.state); waiting for its \(stream)…")
                    waitingNoted = true
                }
                usleep(Self.pollInterval)
                follower.drain()
                let run = try store.run()
                trial = try root.trial(trialNumber, in: store)
                if !trial.state.isFinal && run.state != .running {
                    // No controller will move the trial on until `hpo resume`.
                    follower.drain()
                    Terminal.printError("hpo logs: run '\(run.name)' is \(run.state); trial \(trialNumber) stays \(trial.state)")
                    return
                }
            }
            // The state is read after the process ended, so this drain sees all it wrote.
            follower.drain()
            try finish(follower, trial, stream: stream)
        }
    }

    /// The trial, once it exists: `-f` of a trial the sweep has not created yet waits for
    /// it while the run is running. Nil (after saying why) when the run ended without it.
    private func awaitTrial(root: RunRoot, store: RunStore) throws -> TrialRecord? {
        LogsCommand.unblockStopSignals()
        var waitingNoted = false
        while true {
            if let trial = try store.trial(trialNumber) { return trial }
            let run = try store.run()
            guard run.state == .running else {
                if !waitingNoted { _ = try root.trial(trialNumber, in: store) }  // the usual "no trial N" error
                Terminal.printError("hpo logs: run '\(run.name)' is \(run.state) and never created trial \(trialNumber)")
                return nil
            }
            if !waitingNoted {
                Terminal.printError("hpo logs: trial \(trialNumber) is not created yet; waiting for it…")
                waitingNoted = true
            }
            usleep(Self.pollInterval)
        }
    }

    /// The end of the output: says why nothing was printed, if nothing was. Exits 1 when
    /// the file is there but hpo refuses to read it (a FIFO, a link out of the trial's
    /// directory; `LogFollower` said so already).
    private func finish(_ follower: LogFollower, _ trial: TrialRecord, stream: String) throws {
        guard !follower.isOpen else { return }
        if follower.refusal != nil { throw ExitCode(1) }
        Terminal.printError(noOutput(trial, stream: stream))
    }

    /// Lets Ctrl-C (SIGINT), SIGTERM and SIGHUP end a follow as they end `tail -f`: a
    /// program that started hpo with these signals blocked (Foundation's `Process` on
    /// Linux does) would otherwise leave it following forever. Signals set to be ignored
    /// stay ignored (a shell's background job keeps ignoring Ctrl-C).
    static func unblockStopSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Why there is nothing to print.
    private func noOutput(_ trial: TrialRecord, stream: String) -> String {
        trial.state.isFinal
            ? "hpo logs: trial \(trial.number) (\(trial.state)) wrote nothing to its \(stream)"
            : "hpo logs: trial \(trial.number) is \(trial.state) and has written no \(stream) yet (-f waits for it)"
    }
}
