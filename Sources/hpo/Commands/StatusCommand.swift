import ArgumentParser
import Execution
import Foundation
import Report

/// `hpo status [RUN]`: every run in the root at a glance, or one run's trials.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every run in the root, or one run's trials.",
        discussion: """
            Without a run: one line per run (oldest first) with its state, how long
            it ran, its trials by state, its best objective and its tags (--tag T:
            only the runs tagged T).
            With a run: one line per trial with its parameters, objective, state and
            duration; the last column says why a trial was pruned, failed or timed
            out (notes too long for it are printed in full below the table). An asha
            or hyperband run first shows, per rung, how many trials reached it and
            the best value recorded there.

            Reading a run never blocks or slows the sweep writing it, so status can
            be run at any time, as often as wanted. --json prints the same as JSON
            (shapes documented in the README). --watch follows a run live: a progress
            bar, the best trial and each running trial's latest metric, redrawn every
            --interval on a terminal (a plain line whenever something changed
            otherwise), until the run stops, its controller is gone, or Ctrl-C.

            A run whose controller was killed or crashed is shown as interrupted,
            with the trials it may have left running and the hpo resume command.
            """
    )

    @OptionGroup var location: RootOption

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Follow the run live until it stops (Ctrl-C to leave).")
    var watch = false

    @Option(help: ArgumentHelp("How often --watch redraws.", valueName: "duration"))
    var interval = "1s"

    @Option(help: ArgumentHelp("Without a run: list only the runs with this tag.", valueName: "tag"))
    var tag: String?

    @Argument(help: ArgumentHelp("A run's name; without it, every run in the root.", valueName: "run"))
    var runName: String?

    func run() throws {
        do {
            let root = location.resolved()
            let now = Date()
            if let tag {
                if runName != nil { throw InputError("--tag lists the runs with a tag: hpo status --tag \(tag), without a run") }
                try RunTags.validate(tag)
            }
            if watch {
                guard let runName else { throw InputError("--watch follows one run: hpo status RUN --watch") }
                if json { throw InputError("--watch and --json do not go together: hpo status RUN --json, repeatedly") }
                let (layout, store) = try root.open(runName)
                try Self.watch(store, layout: layout, every: try DurationText.parse(interval, option: "--interval"))
                return
            }
            if let runName {
                let (layout, store) = try root.open(runName)
                var snapshot = try store.snapshot()
                if json { snapshot.metricValues = try store.lastMetricValues(trials: snapshot.trials.map(\.number)) }
                let view = RunStatusView(snapshot: snapshot, directory: layout.directory, now: now,
                                         workspace: try store.workspace(),
                                         liveness: try RunLiveness.check(layout, store: store, run: snapshot.summary.run),
                                         rungs: try RungTally.load(from: store, snapshot: snapshot), tags: try store.tags(),
                                         continuation: try RunContinuation(store: store))
                if json {
                    StandardOutput.write(view.json.bytes)
                } else {
                    StandardOutput.writeLines(view.lines(width: StandardOutput.width()))
                }
            } else {
                let view = RootStatusView(root: root, now: now, tag: tag)
                if json {
                    StandardOutput.write(view.json.bytes)
                } else {
                    StandardOutput.writeLines(view.lines(width: StandardOutput.width()))
                }
            }
        }
    }

    /// Redraws the run's `LiveView` every `interval` until the run is no longer running —
    /// it ended, or its controller is gone (`interrupted`, said with what to do) — in place
    /// on a terminal, else a plain line each time the first line changes.
    static func watch(_ store: RunStore, layout: RunLayout, every interval: Duration) throws {
        let terminal = isatty(STDOUT_FILENO) == 1
        var lastHead = ""
        var planned: Int?
        if let spec = try? SweepSpec(yaml: try store.run().configurationYAML) { planned = try? spec.budget() }
        while true {
            var view = try LiveView.read(store, budget: planned)
            let liveness = RunLiveness.check(layout, run: view.summary.run, unfinished: view.running)
            if let liveness, liveness.isInterrupted {
                var summary = view.summary
                summary.run = liveness.shown(summary.run)
                view = LiveView(summary: summary, running: view.running, latest: view.latest, budget: view.budget,
                                now: view.now)
            }
            let lines = view.lines(width: StandardOutput.width())
            if terminal {
                StandardOutput.write("\u{1B}[H\u{1B}[2J" + lines.joined(separator: "\n") + "\n")
            } else if lines[0] != lastHead {
                StandardOutput.write(lines[0] + "\n")
                lastHead = lines[0]
            }
            if let why = liveness?.explanation(run: layout.name) {
                StandardOutput.write("run \(layout.name) interrupted: \(why)\n")
            }
            if view.summary.run.state != .running { return }
            Thread.sleep(forTimeInterval: Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)
        }
    }
}
