import Execution
import Foundation

/// Several runs in one self-contained HTML file (`hpo report A B …`), like `ReportPage`:
/// inline CSS and SVG only. Their facts side by side, then per objective the runs' best so
/// far on one chart and their best trials' learning curves together.
public enum ComparisonPage {
    /// The views in the order the page shows them, with the `data-chart` names their SVGs carry.
    public static let views = [("Runs", "runs"), ("Best so far", "best-so-far"), ("Best trials' learning curves", "best-curves")]

    /// The page.
    public static func html(_ comparison: RunComparison) -> String {
        let names = comparison.reports.map(\.run.name).joined(separator: ", ")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>hpo runs \(e(names))</title>
            <style>\(ReportPage.css)</style></head>
            <body><main>
            \(content(comparison))
            <footer>made by hpo report on \(ISO8601DateFormatter().string(from: comparison.madeAt))</footer>
            </main></body></html>

            """
    }

    /// What the page shows between its head and its footer; `runLink` makes each run's name a
    /// link (the dashboard).
    public static func content(_ comparison: RunComparison, runLink: ((String) -> String)? = nil) -> String {
        var sections = [ReportPage.section("Runs", table(comparison, runLink: runLink)
                                           + "<p>\(e(comparison.verdict(number: Scale.label)))</p>")]
        for objective in comparison.objectives {
            let which = comparison.sameObjective ? "" : ": \(objective.goal.rawValue) \(objective.metric)"
            sections.append(ReportPage.section("Best so far" + which, """
                <p>Each run's best \(e(objective.metric)) so far by trial number (succeeded, feasible trials), \
                one colour per run; a dot at its best.</p>
                \(BestSoFarChart.svg(comparison, objective))
                """))
            sections.append(ReportPage.section("Best trials' learning curves" + which, """
                <p>\(e(objective.metric)) against step for each run's best trial.</p>
                \(BestCurvesChart.svg(comparison, objective))
                """))
        }
        return """
            <h1>\(comparison.reports.count) runs compared</h1>
            <p class="meta">\(e(comparison.reports.map(\.run.name).joined(separator: ", ")))</p>
            \(sections.joined(separator: "\n"))
            """
    }

    /// The runs' facts side by side (`RunComparison.rows`), each run's name in its colour.
    static func table(_ comparison: RunComparison, runLink: ((String) -> String)?) -> String {
        var html = "<table class=\"side\" data-chart=\"runs\"><thead><tr><th></th>"
        for (i, report) in comparison.reports.enumerated() {
            let name = runLink.map { "<a href=\"\(e($0(report.run.name)))\">\(e(report.run.name))</a>" } ?? e(report.run.name)
            html += "<th><svg viewBox=\"0 0 10 10\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" "
                + "fill=\"\(RunComparison.color(i))\"/></svg> \(name)</th>"
        }
        html += "</tr></thead><tbody>"
        let rows = comparison.rows(number: Scale.label) { seconds in String(format: "%.1f s", seconds) }
        for row in rows {
            let heading = row.cells.allSatisfy(\.isEmpty) && !row.label.hasPrefix(" ")
            html += "<tr><th\(row.label.hasPrefix(" ") ? " class=\"sub\"" : "")>\(e(row.label.trimmingCharacters(in: .whitespaces)))</th>"
                + (heading ? "<td colspan=\"\(row.cells.count)\"></td>" : row.cells.map { "<td>\(e($0))</td>" }.joined())
                + "</tr>"
        }
        return html + "</tbody></table>"
    }

    static func e(_ s: String) -> String { ReportPage.e(s) }
}
