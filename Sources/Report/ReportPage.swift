import Execution
import Foundation

/// One self-contained HTML file of a run: inline CSS and SVG only, no script, no font, no
/// image or stylesheet to fetch, so it opens offline and anywhere a file can be sent.
public enum ReportPage {
    /// The views in the order the page shows them, with the `data-chart` names their SVGs carry.
    public static let views = [("Optimization history", "history"), ("Parallel coordinates", "parallel"),
                               ("Learning curves", "curves"), ("Metrics", "metrics"), ("Parameter importance", "importance"),
                               ("Slot timeline", "timeline"), ("Trials", "table")]

    /// The page.
    public static func html(_ report: RunReport) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>hpo run \(e(report.run.name))</title>
        <style>\(css)</style></head>
        <body><main>
        \(content(report))
        <footer>made by hpo report on \(ISO8601DateFormatter().string(from: report.madeAt))</footer>
        </main></body></html>

        """
    }

    /// What the page shows between its head and its footer: the title, the run's facts and
    /// every view. `trialLink` makes each trial number of the table a link (the dashboard);
    /// `metrics`, when given, replaces the *Metrics* view's body (the dashboard's, rendered
    /// for the metric its address picks); `table`, when given, replaces the *Trials* view's
    /// body (the dashboard's page of trials). `charts`, when given for a report read from a
    /// store, keeps each chart by the data it was drawn from and draws again only those
    /// whose data changed since (`RunReport.changedAt`).
    public static func content(_ report: RunReport, trialLink: ((Int) -> String)? = nil, metrics: String? = nil,
                               table: String? = nil, charts: DrawnCharts? = nil) -> String {
        let run = report.run
        let summary = report.snapshot.summary
        let compared = ComparedTrials(report)
        let caption = compared.caption(metric: run.metric)
        let keys = ChartKeys(report, compared)
        func drawn(_ name: String, _ key: String?, _ draw: () -> String) -> String {
            charts.map { $0.svg(name, key: report.readThrough == nil ? nil : key, draw: draw) } ?? draw()
        }
        var sections: [String] = []
        sections.append(section("Optimization history", """
            <p>Each trial's \(e(run.metric)) by trial number (pruned trials at their last report); the line is the best so far.</p>
            \(drawn("history", keys.history) { HistoryChart.svg(report) })
            """))
        if report.snapshot.objectives.count > 1 {
            sections.append(section("Pareto front", drawn("pareto", keys.trials) { paretoSection(report) }))
        }
        sections.append(section("Parallel coordinates", """
            <p>Trials across every parameter, blue for the best \(e(run.metric)), red for the worst: \(caption).</p>
            \(drawn("parallel", keys.compared) { ParallelCoordinatesChart.svg(report, compared) })
            """))
        sections.append(section("Learning curves", """
            <p>\(e(run.metric)) against step; pruned trials in orange, crossed where they were stopped; the best trial in green.</p>
            \(drawn("curves", keys.curves) { LearningCurvesChart.svg(report) })
            """))
        sections.append(section("Metrics", metrics ?? metricsSection(report)))
        if let rungs = report.rungs { sections.append(section("Rungs", rungSection(rungs, metric: run.metric))) }
        sections.append(section("Parameter importance",
                                drawn("importance", keys.compared) { importanceSection(report, compared, caption: caption) }))
        sections.append(section("Slot timeline", """
            <p>Which trial ran on which slot when; gaps are idle slots.</p>
            \(drawn("timeline", keys.timeline) { SlotTimelineChart.svg(report) })
            """))
        sections.append(section("Trials", table ?? Self.table(report, trialLink: trialLink)))
        var facts = "\(e(run.strategy)) search, \(e(run.goal.rawValue)) \(e(run.metric)), \(run.state.rawValue); "
            + "\(summary.total) trials: " + summary.counts.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        if let best = summary.best, let objective = best.objective {
            facts += "; best trial \(best.number), \(e(run.metric)) \(e(Scale.label(objective)))"
        }
        if !report.snapshot.infeasible.isEmpty {
            facts += "; \(report.snapshot.infeasible.count) infeasible (violate a constraint, never the best)"
        }
        for warm in report.warmStarts { facts += "; warm start: \(e(warm.line)), not counted here" }
        var workspace = ""
        if let w = report.workspace {
            workspace = "<p class=\"meta\">workspace snapshot \(e(String(w.contentHash.prefix(12)))) of \(e(w.source))"
                + (w.git.map { ", git \(e(String($0.commit.prefix(12))))\($0.dirty ? " (dirty)" : "")" } ?? "") + "</p>"
        }
        return """
            <h1>Run \(e(run.name))</h1>
            <p class="meta">\(facts)</p>\(tagLine(report.tags))\(workspace)
            \(sections.joined(separator: "\n"))
            """
    }

    /// The importance chart of the compared trials, or, with too few, a sentence saying so.
    static func importanceSection(_ report: RunReport, _ compared: ComparedTrials, caption: String) -> String {
        if compared.basis == .tooFew {
            return "<p>Not shown: \(caption); importance needs \(ComparedTrials.minimum) comparable trials.</p>"
        }
        let importance = ParameterImportance.compute(names: report.run.parameterNames,
                                                     configurations: compared.trials.map(\.configuration),
                                                     objectives: compared.values)
        return """
            <p>The share of the variation of the ranks of \(e(report.run.metric)) each parameter explains alone (η²,
            first-order; interactions are not counted), from \(caption).</p>
            \(ImportanceChart.svg(importance))
            """
    }

    /// Per rung of an `asha` or `hyperband` run: its step, the trials that reached it, the best
    /// value recorded there and its trial; then a bayes run's model guess, when loaded.
    static func rungSection(_ tally: RungTally, metric: String) -> String {
        var rows = "<table data-chart=\"rungs\"><thead><tr><th>step</th><th>trials reached</th>"
            + "<th>best \(e(metric))</th><th>trial</th></tr></thead><tbody>"
        for rung in tally.rungs {
            rows += "<tr><td>\(rung.step)</td><td>\(rung.trials)</td>"
                + "<td>\(rung.best.map { e(Scale.label($0.value)) } ?? "")</td><td>\(rung.best.map { String($0.trial) } ?? "")</td></tr>"
        }
        return """
            <p>\(e(tally.rule)) compares trials at these steps (η = \(tally.ladder.reductionFactor)): how many trials reached \
            each, and the best \(e(metric)) recorded there, the value of a trial's first report at or past the step.</p>
            \(rows)</tbody></table>\(guess(tally.guess))
            """
    }

    private static func guess(_ guess: RungTally.ModelGuess?) -> String {
        guard let guess else { return "" }
        let level = guess.level.map { " (fitted on the values at step \($0))" } ?? ""
        return "\n<p>The model's best guess\(level): trial \(guess.trial), \(e(guess.parameters)).</p>"
    }

    static func section(_ title: String, _ body: String) -> String {
        "<section><h2>\(e(title))</h2>\n\(body)\n</section>"
    }

    /// The trial table: number, parameters, objective, state, duration, explanation.
    static func table(_ report: RunReport, trialLink: ((Int) -> String)?) -> String {
        trialTable(report, rows: report.snapshot.trials, trialLink: trialLink)
    }

    /// The trial table of `rows` only (the dashboard's page of trials).
    public static func trialTable(_ report: RunReport, rows trials: [TrialRecord], trialLink: ((Int) -> String)?) -> String {
        let names = report.run.parameterNames
        var rows = "<table data-chart=\"table\"><thead><tr><th>trial</th>"
            + names.map { "<th>\(e($0))</th>" }.joined() + "<th>\(e(report.run.metric))</th><th>state</th><th>seconds</th>"
            + "<th>note</th></tr></thead><tbody>"
        for t in trials {
            let number = trialLink.map { "<a href=\"\(e($0(t.number)))\">\(t.number)</a>" } ?? String(t.number)
            rows += "<tr><td>\(number)</td>" + names.map { "<td>\(e(t.configuration[$0]?.commandLineText ?? ""))</td>" }.joined()
                + "<td>\(t.objective.map { e(Scale.label($0)) } ?? "")</td>"
                + "<td class=\"state-\(t.state.rawValue)\">\(t.state.rawValue)</td>"
                + "<td>\(t.duration.map { String(format: "%.1f", $0) } ?? "")</td><td>\(e(note(t, report)))</td></tr>"
        }
        return rows + "</tbody></table>"
    }

    /// A trial's note: `infeasible` first for a succeeded trial that violates an outcome
    /// constraint (never the best), then its explanation.
    static func note(_ t: TrialRecord, _ report: RunReport) -> String {
        guard report.snapshot.infeasible.contains(t.number) else { return t.explanation ?? "" }
        return "infeasible" + (t.explanation.map { "; " + $0 } ?? "")
    }

    /// Text escaped for HTML (`&`, `<`, `>`, `"`, `'`).
    public static func e(_ s: String) -> String { SVG.escape(s) }

    /// The report's style sheet, which the dashboard shares.
    public static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#fafafa;color:#222}
        main{max-width:1100px;margin:0 auto;padding:16px 24px}
        h1{font-size:22px;margin:8px 0}h2{font-size:17px;margin:24px 0 4px}
        .meta{color:#555;font-size:13px;margin:2px 0}
        section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:8px 16px 12px;margin:14px 0}
        section p{font-size:13px;color:#555;margin:4px 0 8px}
        svg{max-width:100%;height:auto;font-family:inherit}
        table{border-collapse:collapse;font-size:12px;width:100%}
        th,td{border-bottom:1px solid #eee;padding:3px 6px;text-align:right}
        th{background:#f3f3f3}td:last-child,th:last-child{text-align:left}
        .state-pruned{color:#c96f12}.state-failed,.state-error{color:#c9463d}.state-succeeded{color:#2f5f9e}
        footer{color:#888;font-size:12px;margin:20px 0}
        .tabs{display:flex;flex-wrap:wrap;gap:4px}.tabs>input{position:absolute;opacity:0}
        .tabs>label{font-size:12px;padding:2px 8px;border:1px solid #ccc;border-radius:4px;cursor:pointer}
        .tabs>input:checked+label{background:#3b6fb6;color:#fff}.tabs>.pane{order:1;width:100%;display:none}
        .tabs>input:checked+label+.pane{display:block}.tag{background:#e8eef8;border-radius:3px;padding:0 4px}
        .side td,.side th{text-align:left}.side th.sub{padding-left:20px;font-weight:normal}
        """
}
