import Execution
import Foundation

/// Every run of a root, read-only: what `hpo status` shows.
struct RootStatusView {
    /// A run that could not be read (damaged, from a newer hpo), with why.
    struct Unreadable {
        var name: String
        var error: String
    }

    let root: RunRoot
    let now: Date
    /// The runs read, oldest first (ties by name), with the state to show (`interrupted`).
    let runs: [RunSummary]
    /// Whether the controller of each run stored `running` lives, by run name.
    let liveness: [String: RunLiveness]
    /// The runs that could not be read, by name.
    let unreadable: [Unreadable]

    /// Reads every run of `root`.
    init(root: RunRoot, now: Date) {
        self.root = root
        self.now = now
        var runs: [RunSummary] = []
        var liveness: [String: RunLiveness] = [:]
        var unreadable: [Unreadable] = []
        for name in root.runNames() {
            do {
                let (layout, store) = try root.open(name)
                var summary = try store.summary()
                if let live = try RunLiveness.check(layout, store: store, run: summary.run) {
                    liveness[name] = live
                    summary.run = live.shown(summary.run)
                }
                runs.append(summary)
            } catch {
                unreadable.append(Unreadable(name: name, error: "\(error)"))
            }
        }
        self.runs = runs.sorted { ($0.run.createdAt, $0.run.name) < ($1.run.createdAt, $1.run.name) }
        self.unreadable = unreadable
        self.liveness = liveness
    }

    /// `{"root": path, "runs": [run…], "unreadable": [{"name", "error"}…]}`.
    var json: JSONOutput {
        .object([
            ("root", .string(root.path)),
            ("runs", .array(runs.map {
                RunJSON.run($0, directory: root.path + "/" + $0.run.name, now: now, liveness: liveness[$0.run.name])
            })),
            ("unreadable", .array(unreadable.map { .object([("name", .string($0.name)), ("error", .string($0.error))]) })),
        ])
    }

    /// The table, then a line per interrupted run (why, what it left running, how to go on)
    /// and a line per unreadable run.
    func lines(width: Int) -> [String] {
        if runs.isEmpty && unreadable.isEmpty {
            let missing = !FileManager.default.fileExists(atPath: root.path)
            return ["no runs in \(root.display)" + (missing ? " (the directory does not exist)" : "")]
        }
        var table = TextTable(columns: [
            .init(header: "run", shrinkable: true, minimumWidth: 16),
            .init(header: "state"),
            .init(header: "duration", alignment: .right),
            .init(header: "trials", alignment: .right),
            .init(header: "best", shrinkable: true, minimumWidth: 10),
            .init(header: "by state", shrinkable: true, minimumWidth: 12),
        ])
        for summary in runs {
            let best = summary.best.flatMap { trial in
                trial.objective.map { "\(DisplayFormat.number($0)) (trial \(trial.number))" }
            } ?? ""
            table.rows.append([DisplayFormat.cell(summary.run.name), summary.run.state.rawValue,
                               DisplayFormat.duration(RunJSON.runDuration(summary.run, now: now)),
                               String(summary.total), best, DisplayFormat.counts(summary.counts)])
        }
        for run in unreadable {
            table.rows.append([DisplayFormat.cell(run.name), "?", "", "", "", "cannot be read (see below)"])
        }
        var lines = table.render(width: width).lines
        for summary in runs {
            guard let why = liveness[summary.run.name]?.explanation(run: summary.run.name) else { continue }
            lines += DisplayFormat.wrap("\(summary.run.name) interrupted: \(why)", width: width)
        }
        for run in unreadable { lines.append("\(run.name): \(run.error)") }
        return lines
    }
}
