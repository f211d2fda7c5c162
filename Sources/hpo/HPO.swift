import ArgumentParser
import Execution
import Foundation

/// The `hpo` command: hyperparameter sweeps from the shell.
@main
struct HPO: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hpo",
        abstract: "Hyperparameter optimization for any training command: grid, random and Bayesian search.",
        discussion: """
            Sweep values go straight into the training command's arguments (Grid.ai style):
              hpo run train.py --lr "[0.1, 0.01]" --opt "['sgd', 'adam']"
              hpo search --strategy bayes --trials 30 --parallel 2 -- \\
                  python3 train.py --lr "loguniform(1e-5, 1e-1)"
              hpo search --config sweep.yaml --gpus 0,1,2,3
            Runs are kept in ./runs (--root or $HPO_ROOT to change): run.db,
            sweep.yaml, results.csv and trials/<n>/ with each trial's logs and
            metrics. --dry-run previews a sweep without running anything.
            hpo resume RUN continues a run after Ctrl-C, a crash or a reboot.
            hpo --version prints the version.
            """,
        subcommands: [RunCommand.self, SearchCommand.self, StatusCommand.self, LogsCommand.self, CancelCommand.self,
                      ResumeCommand.self, EnqueueCommand.self, BestCommand.self, ArtifactsCommand.self, CleanCommand.self,
                      ReportCommand.self, UICommand.self, TagCommand.self, CompareCommand.self]
    )

    /// Parses and runs. This is the one place an error becomes an exit: a usage error
    /// exits 2 (ArgumentParser's own would be 64) so that all bad input reads the same to a
    /// calling script; any other error is printed as `error: …` and exits with the code its
    /// `ExitStatus` says (README, "Exit codes").
    static func main() {
        // The Gaussian process factors matrices of at most a few hundred rows: OpenBLAS's
        // extra threads only add overhead there, and would spin on the cores trials need.
        LinearAlgebra.setThreadCount(1)
        // A trial running locally holds a few of hpo's descriptors: --parallel 1000 needs
        // more than the 1,024 a shell's soft limit often allows (README, "Width").
        DescriptorLimit.raise()
        // By hand rather than ArgumentParser's `version:`, which would list --version in the
        // help of every subcommand, where it means nothing.
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            print(Version.current)
            return
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if exitCode(for: error) == .validationFailure {
                var message = fullMessage(for: error)
                if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
                Terminal.printError(message)
                Foundation.exit(ExitStatus.badInput.code)
            }
            exit(withError: error)   // --help and the like
        }
        do {
            try command.run()
        } catch where exitCode(for: error) == .success {
            exit(withError: error)   // `hpo --help`: ArgumentParser's help, raised from run()
        } catch {
            Foundation.exit(exitCode(reporting: error))
        }
    }

    /// Prints `error` for the person at the terminal, unless it has been said already, and
    /// returns the exit code its `ExitStatus` says. An error that does not say is hpo's own
    /// fault, never bad input.
    static func exitCode(reporting error: any Error) -> Int32 {
        switch error {
        case let said as ExitCode:
            return said.rawValue   // hpo best or hpo clean, which printed what went wrong themselves
        case let ended as RunEnded:
            return ended.exitStatus.code   // the run's summary has said how it ended
        default:
            Terminal.printError("error: \(error)")
            return ((error as? any ExitStatusError)?.exitStatus ?? .fault).code
        }
    }
}
