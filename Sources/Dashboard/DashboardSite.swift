import Execution
import Foundation
import Report

/// The dashboard's pages, rendered from a run root on disk: the runs list, a run's page (the
/// report's views, refreshed while the run goes on), a trial's page (its curve, metrics, the
/// tail of its logs, its artifacts). Every store is opened read-only, so a page never locks
/// or slows a controller.
public struct DashboardSite: Sendable {
    /// The run root.
    public var root: String
    /// Appended to every link (`?token=…` when the server has a token), so that a browser
    /// that came in with the token keeps it.
    public var linkQuery: String

    /// A site over `root`.
    public init(root: String, linkQuery: String = "") {
        self.root = root
        self.linkQuery = linkQuery
    }

    /// The runs in the root (directories holding a run.db), sorted by name.
    public func runNames() -> [String] {
        RunLayout.runNames(inRoot: root)
    }

    /// The layout and read-only store of run `name`.
    /// - Throws: `DashboardError.notFound` for a name that is no run here.
    public func open(_ name: String) throws(DashboardError) -> (RunLayout, RunStore) {
        guard let layout = try? RunLayout(root: root, name: name), RunReport.storeFilesAreRegular(layout),
              let store = try? RunStore.open(layout: layout, readOnly: true) else {
            throw .notFound("no run named '\(name)'")
        }
        return (layout, store)
    }

    /// The link to `path`: a path whose run names and file names were encoded by the caller
    /// (`runPath`, `URLText`), with the token's query.
    func link(_ path: String) -> String { path + linkQuery }

    /// `/runs/<run>` with the name percent-encoded, then `rest`.
    func runPath(_ name: String, _ rest: String = "") -> String { "/runs/" + URLText.component(name) + rest }

    /// `/`: every run with its state, progress and best objective.
    public func runsPage() -> String {
        var rows = ""
        for name in runNames() {
            guard let (layout, store) = try? open(name), let summary = try? store.summary() else { continue }
            let best = summary.best?.objective.map { Self.number($0) } ?? ""
            let liveness = try? RunLiveness.check(layout, store: store, run: summary.run)
            let state = liveness?.explanation(run: name).map { "<span title=\"\(e($0))\">interrupted</span>" }
                ?? summary.run.state.rawValue
            rows += "<tr><td><a href=\"\(e(link(runPath(name))))\">\(e(name))</a></td>"
                + "<td>\(state)</td><td>\(e(summary.run.strategy))</td>"
                + "<td>\(summary.finished) / \(summary.total)</td><td>\(e(summary.run.metric)) \(best)</td>"
                + "<td>\(Self.date(summary.run.createdAt))</td></tr>"
        }
        let table = rows.isEmpty ? "<p>No runs in \(e(root)) yet: start one with hpo run or hpo search.</p>"
            : "<table><thead><tr><th>run</th><th>state</th><th>strategy</th><th>finished</th><th>best</th>"
                + "<th>created</th></tr></thead><tbody>\(rows)</tbody></table>"
        return page(title: "hpo runs", body: "<h1>Runs</h1><p class=\"meta\">\(e(root))</p><section>\(table)</section>")
    }

    /// `/runs/<run>`: the report's views, with `liveScript`, which refreshes them from
    /// `/runs/<run>/live` every 2 s while the run is running.
    public func runPage(_ name: String) throws(DashboardError) -> String {
        let (content, state) = try runContent(name)
        let nav = "<nav><a href=\"\(e(link("/")))\">runs</a> · <a href=\"\(e(link(runPath(name, "/report.html"))))\">"
            + "download the report</a></nav>"
        return page(title: "hpo run \(name)", body: nav + "<div id=\"live\" data-state=\"\(state.rawValue)\" "
                    + "data-source=\"\(e(link(runPath(name, "/live"))))\">\(content)</div><script>\(Self.liveScript)</script>")
    }

    /// The run page's only script, the same on every page so that the Content-Security-Policy
    /// allows exactly it by its hash: it reads the address to poll from `data-source`.
    public static let liveScript = """
        (function () {
          const live = document.getElementById("live");
          let state = live.dataset.state;
          async function refresh() {
            if (state !== "running") return;
            try {
              const response = await fetch(live.dataset.source, {cache: "no-store"});
              if (response.ok) {
                live.innerHTML = await response.text();
                state = response.headers.get("X-Run-State") || state;
              }
            } catch (e) {}
            setTimeout(refresh, 2000);
          }
          setTimeout(refresh, 2000);
        })();
        """

    /// The views of a run (what `/runs/<run>/live` sends) and the run's state: `interrupted`
    /// (with why and the `hpo resume` command above the views) when its controller is gone.
    public func runContent(_ name: String) throws(DashboardError) -> (String, RunState) {
        let (layout, store) = try open(name)
        guard var report = try? RunReport.load(from: store) else { throw .notFound("run '\(name)' cannot be read") }
        var banner = ""
        if let liveness = try? RunLiveness.check(layout, store: store, run: report.run),
           let why = liveness.explanation(run: name) {
            report.snapshot.summary.run = liveness.shown(report.run)
            banner = "<p class=\"meta\"><strong>interrupted</strong>: \(e(why))</p>"
        }
        let content = banner + ReportPage.content(report) { self.link(self.runPath(name, "/trials/\($0)")) }
        return (content, report.run.state)
    }

    /// `/runs/<run>/report.html`: the self-contained report.
    public func report(_ name: String) throws(DashboardError) -> String {
        let (_, store) = try open(name)
        guard let report = try? RunReport.load(from: store) else { throw .notFound("run '\(name)' cannot be read") }
        return ReportPage.html(report)
    }

    /// `/runs/<run>/trials/<n>`: a trial's facts, learning curve, last metric points, log
    /// tails and artifacts.
    public func trialPage(_ name: String, _ number: Int) throws(DashboardError) -> String {
        let (layout, store) = try open(name)
        // Only this trial is read: its record and its curve, not every trial's points.
        guard let trial = try? store.trial(number), let summary = try? store.summary(),
              let curve = try? store.metricPoints(trial: number, name: summary.run.metric) else {
            throw .notFound("no trial \(number) in run '\(name)'")
        }
        let single = RunReport(snapshot: RunSnapshot(summary: summary, trials: [trial]), space: nil,
                               curves: curve.isEmpty ? [:] : [number: curve.map(\.point).sorted { $0.step < $1.step }],
                               workspace: nil, madeAt: Date())
        let parameters = summary.run.parameterNames.map { "\(e($0)) = \(e(trial.configuration[$0]?.commandLineText ?? ""))" }
            .joined(separator: ", ")
        var facts = "\(trial.state.rawValue), attempt \(trial.attempt)"
        if let objective = trial.objective { facts += "; \(e(summary.run.metric)) \(Self.number(objective))" }
        if let job = trial.job { facts += "; Slurm job \(e(job))" }
        if let explanation = trial.explanation { facts += "; \(e(explanation))" }
        let points = ((try? store.metricPoints(trial: number)) ?? []).suffix(50)
        let metricRows = points.map { "<tr><td>\($0.attempt)</td><td>\($0.point.step)</td><td>\(e($0.point.name))</td>"
            + "<td>\(Self.number($0.point.value))</td></tr>" }.joined()
        let artifacts = listedArtifacts(layout, number).map { artifact in
            "<li><a href=\"\(e(link(runPath(name, "/trials/\(number)/artifacts/" + URLText.path(artifact.path)))))\">"
                + "\(e(artifact.path))</a> (\(artifact.size) bytes)</li>"
        }.joined()
        let body = """
            <nav><a href="\(e(link("/")))">runs</a> · <a href="\(e(link(runPath(name))))">run \(e(name))</a></nav>
            <h1>Trial \(number) of run \(e(name))</h1>
            <p class="meta">\(parameters)</p><p class="meta">\(facts)</p>
            <section><h2>Learning curve</h2>\(LearningCurvesChart.svg(single))</section>
            <section><h2>Last metric points</h2><table><thead><tr><th>attempt</th><th>step</th><th>name</th><th>value</th></tr></thead>
            <tbody>\(metricRows)</tbody></table></section>
            <section><h2>stdout (last 16 KB)</h2><pre>\(e(logTail(layout, number, "stdout", bytes: 16 * 1024)))</pre></section>
            <section><h2>stderr (last 16 KB)</h2><pre>\(e(logTail(layout, number, "stderr", bytes: 16 * 1024)))</pre></section>
            <section><h2>Artifacts</h2><ul>\(artifacts.isEmpty ? "<li>none</li>" : artifacts)</ul></section>
            """
        return page(title: "hpo run \(name), trial \(number)", body: body)
    }

    func e(_ s: String) -> String { ReportPage.e(s) }

    static func number(_ x: Double) -> String { x.isNaN ? "nan" : String(format: "%.6g", x) }

    static func date(_ d: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: d)
    }

    func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>\(Self.style)</style></head>
        <body><main>\(body)</main></body></html>

        """
    }

    /// The pages' style sheet: the report's and a few rules of the dashboard's own. Inline, and
    /// allowed by its hash in the Content-Security-Policy.
    public static let style = ReportPage.css
        + "\nnav{font-size:13px;margin:4px 0}pre{font-size:12px;white-space:pre-wrap;max-height:360px;overflow:auto}\n"
}
