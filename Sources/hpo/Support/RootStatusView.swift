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
    /// Each run's tags and note, by run name.
    let tags: [String: RunTags]
    /// The tag asked for (`hpo status --tag T`): only the runs that have it are shown.
    let tag: String?

    /// Reads every run of `root`; with `tag`, only the runs tagged with it (unreadable runs,
    /// whose tags are not known, are left out then).
    init(root: RunRoot, now: Date, tag: String? = nil) {
        self.root = root
        self.now = now
        var runs: [RunSummary] = []
        var liveness: [String: RunLiveness] = [:]
        var unreadable: [Unreadable] = []
        var tags: [String: RunTags] = [:]
        for name in root.runNames() {
            do {
                let (layout, store) = try root.open(name)
                var summary = try store.summary()
                let runTags = try store.tags()
                if let tag, !runTags.tags.contains(tag) { continue }
                tags[name] = runTags
                if let live = try RunLiveness.check(layout, store: store, run: summary.run) {
                    liveness[name] = live
                    summary.run = live.shown(summary.run)
                }
                runs.append(summary)
            } catch {
                // An unreadable run's tags are not known: listed only when no tag is asked for.
                guard tag == nil else { continue }
                unreadable.append(Unreadable(name: name, error: "\(error)"))
            }
        }
        self.runs = runs.sorted { ($0.run.createdAt, $0.run.name) < ($1.run.createdAt, $1.run.name) }
        self.unreadable = unreadable
        self.liveness = liveness
        self.tags = tags
        self.tag = tag
    }

    /// `{"root": path, "runs": [run…], "unreadable": [{"name", "error"}…]}`.
    var json: JSONOutput {
        .object([
            ("root", .string(root.path)),
            ("runs", .array(runs.map {
                RunJSON.run($0, directory: root.path + "/" + $0.run.name, now: now, liveness: liveness[$0.run.name],
                            tags: tags[$0.run.name] ?? RunTags())
            })),
            ("unreadable", .array(unreadable.map { .object([("name", .string($0.name)), ("error", .string($0.error))]) })),
        ])
    }

    /// The table, then a line per interrupted run (why, what it left running, how to go on)
    /// and a line per unreadable run.
    func lines(width: Int) -> [String] {
        if runs.isEmpty && unreadable.isEmpty {
            let missing = !FileManager.default.fileExists(atPath: root.path)
            if let tag { return ["no run in \(root.display) is tagged \(tag) (hpo tag RUN --add \(tag) tags one)"] }
            return ["no runs in \(root.display)" + (missing ? " (the directory does not exist)" : "")]
        }
        // A tags column only where a run has tags: a root without them reads as before.
        let showTags = runs.contains { !(tags[$0.run.name]?.tags.isEmpty ?? true) }
        var table = TextTable(columns: [
            .init(header: "run", shrinkable: true, minimumWidth: 16),
            .init(header: "state"),
            .init(header: "duration", alignment: .right),
            .init(header: "trials", alignment: .right),
            .init(header: "best", shrinkable: true, minimumWidth: 10),
            .init(header: "by state", shrinkable: true, minimumWidth: 12),
        ] + (showTags ? [.init(header: "tags", shrinkable: true, minimumWidth: 8)] : []))
        for summary in runs {
            let best = summary.best.flatMap { trial in
                trial.objective.map { "\(DisplayFormat.number($0)) (trial \(trial.number))" }
            } ?? ""
            table.rows.append([DisplayFormat.cell(summary.run.name), summary.run.state.rawValue,
                               DisplayFormat.duration(RunJSON.runDuration(summary.run, now: now)),
                               String(summary.total), best, DisplayFormat.counts(summary.counts)]
                               + (showTags ? [DisplayFormat.cell((tags[summary.run.name]?.tags ?? []).joined(separator: ","))] : []))
        }
        for run in unreadable {
            table.rows.append([DisplayFormat.cell(run.name), "?", "", "", "", "cannot be read (see below)"] + (showTags ? [""] : []))
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
