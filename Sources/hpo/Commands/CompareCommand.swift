import ArgumentParser
import Execution
import Foundation
import Report

/// `hpo compare RUN RUN…`: runs side by side in the terminal.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show runs side by side: best, trials by state, slot time, best configurations.",
        discussion: """
            One column per run: its strategy, objective, state, tags, best value
            (and trial), trials by state, the slot time its trials used, then its
            best trial's parameters, one row each. The last line names the best run,
            or says the runs optimize different metrics or goals, whose bests are
            not compared. hpo report RUN RUN… draws the same runs on charts. --json
            prints the same facts for scripts (shape in the README).
            """
    )

    @OptionGroup var location: RootOption

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Argument(help: ArgumentHelp("The runs' names (two or more).", valueName: "run"))
    var runNames: [String] = []

    func run() throws {
        let root = location.resolved()
        let stores = try Self.open(runNames, in: root, command: "compare")
        let now = Date()
        var comparison = try RunComparison.load(from: stores.map(\.store), now: now)
        // A run stored running whose controller is gone reads as interrupted, as in hpo status.
        var liveness: [RunLiveness?] = []
        for (i, (layout, store)) in stores.enumerated() {
            let run = comparison.reports[i].run
            liveness.append(try RunLiveness.check(layout, store: store, run: run))
            if let live = liveness[i] { comparison.reports[i].snapshot.summary.run = live.shown(run) }
        }
        let view = CompareView(comparison: comparison, directories: stores.map(\.layout.directory), now: now,
                               liveness: liveness)
        if json {
            StandardOutput.write(view.json.bytes)
        } else {
            StandardOutput.writeLines(view.lines(width: StandardOutput.width()))
        }
    }

    /// The stores of `names`, read-only, in order.
    /// - Throws: `InputError` for fewer than two names, a name given twice, or no such run.
    static func open(_ names: [String], in root: RunRoot, command: String) throws -> [(layout: RunLayout, store: RunStore)] {
        guard names.count >= 2 else {
            throw InputError("hpo \(command) needs two or more runs: hpo \(command) RUN_A RUN_B"
                             + (names.count == 1 && command == "compare" ? " (one run: hpo status \(names[0]))" : ""))
        }
        var seen: Set<String> = []
        for name in names where !seen.insert(name).inserted { throw InputError("run '\(name)' is given twice") }
        return try names.map { name in
            let layout = try root.layout(of: name)
            // SQLite would wait for good on a FIFO put in the store's place.
            guard RunReport.storeFilesAreRegular(layout) else {
                throw RunFailure(message: "\(root.show(layout.database)) (or its -wal or -shm file) is not a regular file; "
                                 + "hpo reads a run only from its own store")
            }
            return (layout, try RunStore.open(layout: layout, readOnly: true))
        }
    }
}
