import Execution
import Foundation
import Report

extension DashboardSite {
    /// `/runs/<run>/trials/<n>`: a trial's facts, learning curve, every metric it reported
    /// (one small chart each), last metric points, log tails and artifacts.
    public func trialPage(_ name: String, _ number: Int) throws(DashboardError) -> String {
        let (layout, store) = try open(name)
        // Only this trial is read: its record and its points, not every trial's.
        guard let trial = try? store.trial(number), let summary = try? store.summary(),
              let stored = try? store.metricPoints(trial: number) else {
            throw .notFound("no trial \(number) in run '\(name)'")
        }
        let byMetric = Self.curvesByMetric(stored.map(\.point))
        let curve = byMetric.first { $0.name == summary.run.metric }?.points ?? []
        let single = RunReport(snapshot: RunSnapshot(summary: summary, trials: [trial]), space: nil,
                               curves: curve.isEmpty ? [:] : [number: curve], workspace: nil, madeAt: Date())
        let parameters = summary.run.parameterNames.map { "\(e($0)) = \(e(trial.configuration[$0]?.commandLineText ?? ""))" }
            .joined(separator: ", ")
        var facts = "\(trial.state.rawValue), attempt \(trial.attempt)"
        if let objective = trial.objective { facts += "; \(e(summary.run.metric)) \(Self.number(objective))" }
        if let job = trial.job { facts += "; Slurm job \(e(job))" }
        if let explanation = trial.explanation { facts += "; \(e(explanation))" }
        let metricRows = stored.suffix(50).map { "<tr><td>\($0.attempt)</td><td>\($0.point.step)</td><td>\(e($0.point.name))</td>"
            + "<td>\(Self.number($0.point.value))</td></tr>" }.joined()
        let charts = byMetric.map { "<figure class=\"metric\"><figcaption>\(e($0.name))</figcaption>"
            + MetricCurveChart.svg(name: $0.name, points: $0.points) + "</figure>" }.joined()
        let artifacts = listedArtifacts(layout, number).map { artifact in
            "<li><a href=\"\(e(link(runPath(name, "/trials/\(number)/artifacts/" + URLText.path(artifact.path)))))\">"
                + "\(e(artifact.path))</a> (\(artifact.size) bytes)</li>"
        }.joined()
        let body = """
            <nav><a href="\(e(link("/")))">runs</a> · <a href="\(e(link(runPath(name))))">run \(e(name))</a></nav>
            <h1>Trial \(number) of run \(e(name))</h1>
            <p class="meta">\(parameters)</p><p class="meta">\(facts)</p>
            <section><h2>Learning curve</h2>\(LearningCurvesChart.svg(single))</section>
            <section><h2>Metrics</h2><div class="metrics" data-chart="trial-metrics">\
            \(charts.isEmpty ? "<p>No metric reported yet.</p>" : charts)</div></section>
            <section><h2>Last metric points</h2><table><thead><tr><th>attempt</th><th>step</th><th>name</th><th>value</th></tr></thead>
            <tbody>\(metricRows)</tbody></table></section>
            <section><h2>stdout (last 16 KB)</h2><pre>\(e(logTail(layout, number, "stdout", bytes: 16 * 1024)))</pre></section>
            <section><h2>stderr (last 16 KB)</h2><pre>\(e(logTail(layout, number, "stderr", bytes: 16 * 1024)))</pre></section>
            <section><h2>Artifacts</h2><ul>\(artifacts.isEmpty ? "<li>none</li>" : artifacts)</ul></section>
            """
        return page(title: "hpo run \(name), trial \(number)", body: body)
    }

    /// A trial's points (in stored order) per metric, in the order of each metric's first
    /// point, each curve by step (stable: a retried attempt's point at a step stays after).
    static func curvesByMetric(_ points: [MetricPoint]) -> [(name: String, points: [MetricPoint])] {
        var order: [String] = []
        var curves: [String: [MetricPoint]] = [:]
        for point in points {
            if curves[point.name] == nil { order.append(point.name) }
            curves[point.name, default: []].append(point)
        }
        return order.map { name in
            (name, curves[name]!.enumerated().sorted { ($0.element.step, $0.offset) < ($1.element.step, $1.offset) }.map(\.element))
        }
    }

    /// The run page's *Metrics* view for `picked`: links to the other metrics keep the page.
    /// - Throws: `DashboardError.notFound` when no trial reported `picked` (and it is not the objective).
    func metricsSection(_ report: RunReport, store: RunStore, run name: String,
                        picked: String) throws(DashboardError) -> String {
        guard picked == report.run.metric || report.metricNames.contains(picked) else {
            throw .notFound("run '\(name)' has no metric '\(picked)' (its metrics: \(report.metricNames.joined(separator: ", ")))")
        }
        var curves: [Int: [MetricPoint]] = [:]
        if picked != report.run.metric {
            curves = (try? RunReport.curves(of: picked, from: store, trials: Set(report.snapshot.trials.map(\.number)))) ?? [:]
        }
        return ReportPage.metricsSection(report, picked: picked, curves: curves) { metric in
            self.link(self.runPath(name), query: [("metric", metric)])
        }
    }
}
