import Execution

/// The report's *Metrics* view: every metric the trials reported, one at a time through a
/// picker, each as its last value per trial (`MetricHistoryChart`).
extension ReportPage {
    /// The picker of the self-contained report: a radio button per metric and the panes
    /// they switch, by CSS alone (`.tabs` in `css`), so the report still runs no script.
    /// The objective's pane is shown first.
    static func metricsSection(_ report: RunReport) -> String {
        let names = orderedMetricNames(report)
        guard !names.isEmpty else { return "<p data-chart=\"metrics\">No trial has reported a metric yet.</p>" }
        var tabs = ""
        for (i, name) in names.enumerated() {
            let id = "metric-\(i)"
            tabs += "<input type=\"radio\" name=\"metric\" id=\"\(id)\"\(i == 0 ? " checked" : "")>"
                + "<label for=\"\(id)\">\(e(name))</label>"
                + "<div class=\"pane\" data-metric=\"\(e(name))\">"
                + MetricHistoryChart.svg(report, name: name, values: report.lastValues[name] ?? [:]) + "</div>"
        }
        return """
            <p>Each trial's last value of the metric picked below, by trial number, coloured by the trial's state \
            (\(names.count) metric\(names.count == 1 ? "" : "s")).</p>
            <div class="tabs" data-chart="metrics">\(tabs)</div>
            """
    }

    /// The metric names, the run's objective first.
    static func orderedMetricNames(_ report: RunReport) -> [String] {
        let metric = report.run.metric
        return (report.metricNames.contains(metric) ? [metric] : []) + report.metricNames.filter { $0 != metric }
    }

    /// The report header's line of tags and note, or "" when the run has neither.
    static func tagLine(_ tags: RunTags) -> String {
        var parts: [String] = []
        if !tags.tags.isEmpty { parts.append("tags: " + tags.tags.map { "<span class=\"tag\">\(e($0))</span>" }.joined(separator: " ")) }
        if let note = tags.note { parts.append("note: " + e(note)) }
        return parts.isEmpty ? "" : "<p class=\"meta\">" + parts.joined(separator: "; ") + "</p>"
    }
}

extension ReportPage {
    /// The dashboard's *Metrics* view: a link per metric (`link` gives its address), then the
    /// picked metric's last value per trial and, for a metric other than the objective, its
    /// learning curves (`curves`: every trial's points of that metric, by step), rendered for
    /// the picked metric alone.
    public static func metricsSection(_ report: RunReport, picked: String, curves: [Int: [MetricPoint]],
                                      link: (String) -> String) -> String {
        let names = orderedMetricNames(report)
        guard !names.isEmpty else { return "<p data-chart=\"metrics\">No trial has reported a metric yet.</p>" }
        let picker = names.map { name in
            name == picked ? "<strong>\(e(name))</strong>" : "<a href=\"\(e(link(name)))\">\(e(name))</a>"
        }.joined(separator: " · ")
        // The objective's curves are the *Learning curves* view already.
        var picture = report
        picture.curves = curves
        picture.snapshot.summary.run.metric = picked
        let curvesChart = picked == report.run.metric ? "" : LearningCurvesChart.svg(picture)
        let then = picked == report.run.metric ? "" : "; then \(e(picked)) against step"
        return """
            <p data-chart="metrics">metric: \(picker)</p>
            <p>Each trial's last \(e(picked)) by trial number, coloured by the trial's state\(then).</p>
            \(MetricHistoryChart.svg(report, name: picked, values: report.lastValues[picked] ?? [:]))
            \(curvesChart)
            """
    }
}
