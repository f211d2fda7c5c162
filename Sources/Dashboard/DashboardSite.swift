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
    /// The views and reports drawn last, by run version: an unchanged run is not read again.
    public var cache: ViewsCache

    /// A site over `root`.
    public init(root: String, linkQuery: String = "", cache: ViewsCache = ViewsCache()) {
        self.root = root
        self.linkQuery = linkQuery
        self.cache = cache
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

    /// The link to `path` with the query `items` (values percent-encoded), and the token's.
    func link(_ path: String, query items: [(String, String)]) -> String {
        let query = items.map { "\($0.0)=\(URLText.component($0.1))" }.joined(separator: "&")
        guard !query.isEmpty else { return link(path) }
        return path + "?" + query + (linkQuery.isEmpty ? "" : "&" + linkQuery.dropFirst())
    }

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
            let labels = (try? store.tags()) ?? RunTags()
            // The note cut to a line here; whole on the run's page and in the tooltip.
            let note = labels.note.map { " <span title=\"\(e($0))\">\(e($0.count > 60 ? $0.prefix(59) + "…" : $0))</span>" } ?? ""
            let tags = labels.tags.map { "<span class=\"tag\">\(e($0))</span>" }.joined(separator: " ") + note
            rows += "<tr><td><input type=\"checkbox\" name=\"run\" value=\"\(e(name))\" aria-label=\"compare \(e(name))\"></td>"
                + "<td><a href=\"\(e(link(runPath(name))))\">\(e(name))</a></td>"
                + "<td>\(state)</td><td>\(e(summary.run.strategy))</td>"
                + "<td>\(summary.finished) / \(summary.total)</td><td>\(e(summary.run.metric)) \(best)</td>"
                + "<td>\(Self.date(summary.run.createdAt))</td><td>\(tags)</td></tr>"
        }
        let table = rows.isEmpty ? "<p>No runs in \(e(root)) yet: start one with hpo run or hpo search.</p>"
            : "<form method=\"get\" action=\"/compare\">\(tokenField)<table><thead><tr><th></th><th>run</th>"
                + "<th>state</th><th>strategy</th><th>finished</th><th>best</th><th>created</th><th>tags, note</th></tr></thead><tbody>\(rows)"
                + "</tbody></table><p><button type=\"submit\">compare the selected runs</button></p></form>"
        return page(title: "hpo runs", body: "<h1>Runs</h1><p class=\"meta\">\(e(root))</p><section>\(table)</section>")
    }

    /// `/runs/<run>`: the report's views, with `liveScript`, which asks `/runs/<run>/live`
    /// every 2 s while the run is running whether they changed; the table shows the page of
    /// trials `trials` picks.
    public func runPage(_ name: String, metric: String? = nil, trials: TrialPage = TrialPage()) throws(DashboardError) -> String {
        let (content, state, version) = try runContent(name, metric: metric, trials: trials)
        let nav = "<nav><a href=\"\(e(link("/")))\">runs</a> · <a href=\"\(e(link(runPath(name, "/report.html"))))\">"
            + "download the report</a></nav>"
        return page(title: "hpo run \(name)", body: nav + "<div id=\"live\" data-state=\"\(state.rawValue)\" data-version=\"\(version)\" "
                    + "data-source=\"\(e(link(runPath(name, "/live"), query: (metric.map { [("metric", $0)] } ?? []) + trials.queryItems)))\">\(content)</div><script>\(Self.liveScript)</script>")
    }

    /// The run page's only script, the same on every page so that the Content-Security-Policy
    /// allows exactly it by its hash: it reads the address to poll from `data-source` and
    /// sends the version it shows (`data-version`), so an unchanged run answers 204 and nothing.
    public static let liveScript = """
        (function () {
          const live = document.getElementById("live");
          async function refresh() {
            if (live.dataset.state !== "running") return;
            try {
              const source = live.dataset.source;
              const response = await fetch(source + (source.includes("?") ? "&" : "?") + "since="
                + encodeURIComponent(live.dataset.version || ""), {cache: "no-store"});
              if (response.status === 200) live.innerHTML = await response.text();
              if (response.ok) {
                live.dataset.state = response.headers.get("X-Run-State") || live.dataset.state;
                live.dataset.version = response.headers.get("X-Run-Version") || live.dataset.version;
              }
            } catch (e) {}
            setTimeout(refresh, 2000);
          }
          setTimeout(refresh, 2000);
        })();
        """

    /// The views of a run (what `/runs/<run>/live` sends) and the run's state: `interrupted`
    /// (with why and the `hpo resume` command above the views) when its controller is gone.
    /// The *Metrics* view shows `metric` (default: the objective); the table, the page of
    /// trials `trials` picks; with the run's version (`version`), read first so that a change
    /// made while the views are read shows at the next refresh. Views of a version drawn
    /// before come from `cache`, as does the run's report of that version.
    public func runContent(_ name: String, metric: String? = nil,
                           trials: TrialPage = TrialPage()) throws(DashboardError) -> (String, RunState, String) {
        let (layout, store) = try open(name)
        let (version, _) = try self.version(name, layout: layout, store: store)
        let key = ViewsCache.Key(run: name, version: version, metric: metric, trials: trials)
        if let kept = cache.views(key) { return (kept.content, kept.state, version) }
        guard case (var report, let charts)? = try? cache.report(name, version: version, read: { try RunReport.load(from: store) },
                                                                 update: { try $0.update(from: store) }) else {
            throw .notFound("run '\(name)' cannot be read")
        }
        var banner = ""
        if let liveness = try? RunLiveness.check(layout, store: store, run: report.run),
           let why = liveness.explanation(run: name) {
            report.snapshot.summary.run = liveness.shown(report.run)
            banner = "<p class=\"meta\"><strong>interrupted</strong>: \(e(why))</p>"
        }
        let metrics = try metricsSection(report, store: store, run: name, picked: metric ?? report.run.metric)
        let (rows, matched) = trials.select(report.snapshot.trials, minimizes: report.minimizes)
        let trialLink: (Int) -> String = { self.link(self.runPath(name, "/trials/\($0)")) }
        let table = pager(name, metric: metric, trials: trials, matched: matched, shown: rows.count,
                          total: report.snapshot.trials.count) + ReportPage.trialTable(report, rows: rows, trialLink: trialLink)
        let content = banner + ReportPage.content(report, trialLink: trialLink, metrics: metrics, table: table,
                                                     charts: charts)
        cache.keep(ViewsCache.Views(content: content, state: report.run.state), for: key)
        return (content, report.run.state, version)
    }

    /// `/runs/<run>/report.html`: the self-contained report (made now, from the run's report
    /// of its current version: read again only when the run changed).
    public func report(_ name: String) throws(DashboardError) -> String {
        let (layout, store) = try open(name)
        let (version, _) = try self.version(name, layout: layout, store: store)
        guard var report = try? cache.report(name, version: version, read: { try RunReport.load(from: store) },
                                                     update: { try $0.update(from: store) }).0 else {
            throw .notFound("run '\(name)' cannot be read")
        }
        report.madeAt = Date()
        return ReportPage.html(report)
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
        + ".metrics{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:8px}"
        + ".metrics figure{margin:0}.metrics figcaption{font-size:12px;color:#555}\n"
}
