import Execution
import Foundation
import Report
import Search

/// One run's trials, as `hpo status RUN` shows them:
///
///     run brisk-heron-1: completed after 3m05s; random search, minimize val_loss
///     (interrupted: its controller (pid 4242 on gpu-7) is gone: killed or crashed; …)
///     12 trials: 8 succeeded, 1 failed, …
///     best: trial 3, val_loss 0.123457
///
///     trial  lr        optimizer  val_loss  state      duration  note
///         1  0.01      adam       0.234567  succeeded      4.2s
///         2  0.1       sgd                  failed         1.0s  exit code 1
///
/// then, for each note cut short in the table, `trial N: <the whole note>`. An `asha` or
/// `hyperband` run shows its rungs between the heading and the table (`RunStatusView+Rungs`).
struct RunStatusView {
    let snapshot: RunSnapshot
    /// The run's directory (absolute), for the JSON.
    let directory: String
    let now: Date
    /// The workspace snapshot the trials run in; nil for a run in place.
    var workspace: WorkspaceSnapshot? = nil
    /// Whether the controller lives, for a run stored `running` (else nil).
    var liveness: RunLiveness? = nil
    /// The rungs of an `asha` or `hyperband` run (else nil).
    var rungs: RungTally? = nil
    /// The run's tags and note (`hpo tag`).
    var tags = RunTags()
    /// Warm starts and enqueued configurations.
    var continuation = RunContinuation()

    /// `{"run": run object, "workspace", "rungs", "trials": [trial object…]}`; each trial
    /// object has `"feasible"`: true or false for a succeeded trial of a run with outcome
    /// constraints, null otherwise.
    var json: JSONOutput {
        let order = snapshot.summary.run.parameterNames
        return .object([
            ("run", RunJSON.run(snapshot.summary, directory: directory, now: now, liveness: liveness, tags: tags)),
            ("workspace", workspace.map(RunStatusView.json) ?? .null),
            ("rungs", rungs.map(RunStatusView.json) ?? .null),
            ("model_guess", RunStatusView.json(rungs?.guess)),
        ] + continuation.json(order: order) + [
            ("trials", .array(snapshot.trials.map {
                trialJSON($0, RunJSON.trial($0, order: order, now: now,
                                            feasible: snapshot.isFeasible($0).map(JSONOutput.bool) ?? .null))
            })),
        ] + objectivesJSON)
    }

    /// The heading, the table, and the notes that did not fit.
    func lines(width: Int) -> [String] {
        var lines = heading(width: width)
        guard !snapshot.trials.isEmpty else { return lines }
        if let rungs, !rungs.rungs.isEmpty { lines += [""] + RunStatusView.lines(rungs, metric: snapshot.summary.run.metric) }
        let table = self.table
        let rendered = table.render(width: width)
        lines.append("")
        lines += rendered.lines
        let noteColumn = table.columns.count - 1
        let cut = rendered.truncated.filter { $0.column == noteColumn }.map(\.row).sorted()
        if !cut.isEmpty {
            lines.append("")
            for row in cut {
                lines += DisplayFormat.wrap("trial \(snapshot.trials[row].number): \(table.rows[row][noteColumn])", width: width)
            }
        }
        return lines
    }

    /// `run NAME: STATE …; STRATEGY search, GOAL METRIC`, `N trials: counts` (wrapped to
    /// the width) and `best: trial N, METRIC value` once a trial succeeded.
    func heading(width: Int) -> [String] {
        let summary = snapshot.summary
        let run = liveness?.shown(summary.run) ?? summary.run
        let duration = DisplayFormat.duration(RunJSON.runDuration(run, now: now))
        let state: String
        switch run.state {
        case .running: state = "running for \(duration)"
        // When its controller died is not known: only when it last wrote.
        case .interrupted: state = "interrupted (its last record: \(DisplayFormat.duration(now.timeIntervalSince(run.updatedAt))) ago)"
        default: state = "\(run.state.rawValue) after \(duration)"
        }
        // The seed matters to the strategies that draw (a grid's own draws are stored with it).
        let seed = run.strategy == "grid" ? "" : " (seed \(run.seed))"
        var lines = ["run \(run.name): \(state); \(run.strategy) search\(seed), \(run.goal.rawValue) \(run.metric)"]
        if let why = liveness?.explanation(run: run.name) { lines += DisplayFormat.wrap("interrupted: \(why)", width: width) }
        if !tags.tags.isEmpty { lines += DisplayFormat.wrap("tags: " + tags.tags.joined(separator: ", "), width: width) }
        if let note = tags.note {
            for line in ("note: " + note).components(separatedBy: "\n") { lines += DisplayFormat.wrap(line, width: width) }
        }
        if snapshot.trials.isEmpty {
            lines.append("no trials yet")
        } else {
            lines += DisplayFormat.wrap("\(DisplayFormat.trials(summary.total)): \(DisplayFormat.counts(summary.counts))",
                                        width: width)
        }
        if let best = summary.best, let objective = best.objective {
            lines.append("best: trial \(best.number), \(run.metric) \(DisplayFormat.number(objective))")
        }
        if !snapshot.infeasible.isEmpty {
            lines.append("infeasible: \(snapshot.infeasible.count) succeeded \(snapshot.infeasible.count == 1 ? "trial violates" : "trials violate") a constraint, never the best")
        }
        lines += frontLines
        for line in continuation.lines { lines += DisplayFormat.wrap(line, width: width) }
        if let workspace { lines += DisplayFormat.wrap(RunStatusView.describe(workspace), width: width) }
        return lines
    }

    /// `workspace: snapshot 3f2a9c1d0b7e of /src/proj (347 files, 1.3 MiB), git 1a2b3c4d5e6f (dirty)`.
    static func describe(_ w: WorkspaceSnapshot) -> String {
        var text = "workspace: snapshot \(w.contentHash.prefix(12)) of \(w.source) (\(w.files) files, \(ByteCount.text(w.bytes)))"
        if let git = w.git { text += ", git \(git.commit.prefix(12))\(git.dirty ? " (dirty)" : "")" }
        return text
    }

    /// The snapshot's facts for `--json`: `source`, `directory`, `files`, `bytes`, `links`,
    /// `ignored`, `skipped`, `content_hash` (SHA-256), `git_commit` and `git_dirty` (null
    /// outside a repository).
    static func json(_ w: WorkspaceSnapshot) -> JSONOutput {
        .object([
            ("source", .string(w.source)), ("directory", .string(w.directory)), ("files", .int(w.files)),
            ("bytes", .int(Int(w.bytes))), ("links", .int(w.links)), ("ignored", .int(w.ignored)),
            ("skipped", .int(w.skipped)), ("content_hash", .string(w.contentHash)),
            ("git_commit", w.git.map { .string($0.commit) } ?? .null), ("git_dirty", w.git.map { .bool($0.dirty) } ?? .null),
        ])
    }

    /// trial, a column per parameter, the objective (headed by the metric's name), state,
    /// duration, note. To fit the width the note narrows first (its full text is printed
    /// below the table), then the text parameters (cut in the middle, keeping both ends,
    /// which tell paths and names apart). Numbers are never cut; they align right.
    var table: TextTable {
        let run = snapshot.summary.run
        var columns: [TextTable.Column] = [.init(header: "trial", alignment: .right)]
        for name in run.parameterNames {
            let numeric = snapshot.trials.allSatisfy { $0.configuration[name]?.numericValue != nil }
            columns.append(.init(header: DisplayFormat.cell(name), alignment: numeric ? .right : .left,
                                 shrinkable: !numeric, minimumWidth: min(max(name.count, 6), 12), tier: 1, cut: .middle))
        }
        columns.append(.init(header: DisplayFormat.cell(run.metric), alignment: .right))
        columns += furtherObjectiveColumns
        columns.append(.init(header: "state"))
        columns.append(.init(header: "duration", alignment: .right))
        columns.append(.init(header: "note", shrinkable: true, minimumWidth: 12))
        var table = TextTable(columns: columns)
        let enqueued = continuation.sources
        for trial in snapshot.trials {
            var row = [String(trial.number)]
            for name in run.parameterNames {
                row.append(trial.configuration[name].map { DisplayFormat.cell(DisplayFormat.value($0)) } ?? "")
            }
            row.append(trial.objective.map(DisplayFormat.number) ?? "")
            row += furtherObjectiveCells(trial)
            row.append(trial.state.rawValue)
            row.append(RunJSON.trialDuration(trial, now: now).map(DisplayFormat.duration) ?? "")
            var note = DisplayFormat.note(for: trial, metric: run.metric)
            if snapshot.infeasible.contains(trial.number) { note = "infeasible" + (note.isEmpty ? "" : "; " + note) }
            if let source = enqueued[trial.number] { note = "enqueued (\(source))" + (note.isEmpty ? "" : "; " + note) }
            row.append(DisplayFormat.cell(note))
            table.rows.append(row)
        }
        return table
    }
}
