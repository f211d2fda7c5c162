import ArgumentParser
import Execution
import Foundation

/// `hpo status [RUN]`: every run in the root at a glance, or one run's trials.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every run in the root, or one run's trials.",
        discussion: """
            Without a run: one line per run (oldest first) with its state, how long
            it ran, its trials by state and its best objective.
            With a run: one line per trial with its parameters, objective, state and
            duration; the last column says why a trial was pruned, failed or timed
            out (notes too long for it are printed in full below the table).

            Reading a run never blocks or slows the sweep writing it, so status can
            be run at any time, as often as wanted. --json prints the same as JSON
            (shapes documented in the README).
            """
    )

    @OptionGroup var location: RootOption

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Argument(help: ArgumentHelp("A run's name; without it, every run in the root.", valueName: "run"))
    var runName: String?

    func run() throws {
        try Terminal.reportingErrors {
            let root = location.resolved()
            let now = Date()
            if let runName {
                let (layout, store) = try root.open(runName)
                let snapshot = try store.snapshot()
                let view = RunStatusView(snapshot: snapshot, directory: layout.directory, now: now,
                                         workspace: try store.workspace())
                if json {
                    StandardOutput.write(view.json.bytes)
                } else {
                    StandardOutput.writeLines(view.lines(width: StandardOutput.width()))
                }
            } else {
                let view = RootStatusView(root: root, now: now)
                if json {
                    StandardOutput.write(view.json.bytes)
                } else {
                    StandardOutput.writeLines(view.lines(width: StandardOutput.width()))
                }
            }
        }
    }
}
