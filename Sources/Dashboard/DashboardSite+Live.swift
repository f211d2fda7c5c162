import Execution
import Report

/// What the run page's refresh asks for: `/runs/<run>/live?since=<version>` answers with
/// nothing (204) while the run's version is the one the page has, and with the views (one
/// page of trials, charts aggregated past a few thousand points) once something changed.
extension DashboardSite {
    /// `/live`'s answer: the views, or nil when nothing changed since the client's version;
    /// the run's state (`X-Run-State`) and version (`X-Run-Version`).
    public struct LiveAnswer: Sendable {
        /// The views; nil when the client's are current.
        public var content: String?
        /// The run's state as the page shows it (`interrupted` when its controller is gone).
        public var state: String
        /// The run's version now.
        public var version: String
    }

    /// `/runs/<run>/live`: the views of `name` unless `since` is its version now.
    public func live(_ name: String, metric: String? = nil, trials: TrialPage = TrialPage(),
                     since: String? = nil) throws(DashboardError) -> LiveAnswer {
        let (layout, store) = try open(name)
        let (version, state) = try self.version(name, layout: layout, store: store)
        if let since, since == version { return LiveAnswer(content: nil, state: state, version: version) }
        let (content, shown, _) = try runContent(name, metric: metric, trials: trials)
        return LiveAnswer(content: content, state: shown.rawValue, version: version)
    }

    /// The run's version — a hash of its last transition, its last metric point, its state,
    /// tags, note and whether its controller is gone, so it changes whenever a view would —
    /// and its state. A few indexed reads, however many trials the run has.
    func version(_ name: String, layout: RunLayout, store: RunStore) throws(DashboardError) -> (String, String) {
        guard let counters = try? store.changeCounters(), let run = try? store.run() else {
            throw .notFound("run '\(name)' cannot be read")
        }
        let tags = (try? store.tags()) ?? RunTags()
        let liveness = try? RunLiveness.check(layout, store: store, run: run)
        let shown = liveness.map { $0.shown(run) } ?? run
        let text = "\(counters.transitions) \(counters.metrics) \(shown.state.rawValue) \(run.updatedAt.timeIntervalSince1970) "
            + tags.tags.joined(separator: ",") + "\n" + (tags.note ?? "") + "\n" + (liveness?.explanation(run: name) ?? "")
        return (String(SHA256.hex(text).prefix(16)), shown.state.rawValue)
    }

    /// The trial table's pager: which trials of how many, the orders, the states, previous
    /// and next; every link keeps the picked metric.
    func pager(_ name: String, metric: String?, trials: TrialPage, matched: Int, shown: Int, total: Int) -> String {
        func link(_ page: TrialPage, _ text: String, current: Bool) -> String {
            current ? "<strong>\(e(text))</strong>"
                : "<a href=\"\(e(self.link(runPath(name), query: (metric.map { [("metric", $0)] } ?? []) + page.queryItems)))\">\(e(text))</a>"
        }
        let first = matched == 0 ? 0 : (trials.page - 1) * TrialPage.size + 1
        var parts = ["trials \(first)–\(first + max(0, shown - 1)) of \(matched)"
                     + (trials.state == nil ? "" : " \(trials.state!.rawValue) (\(total) in all)")]
        parts.append("sort: " + TrialPage.Order.allCases.map { order in
            var page = trials
            (page.order, page.page) = (order, 1)
            return link(page, order.rawValue, current: order == trials.order)
        }.joined(separator: " "))
        let states: [TrialState?] = [nil, .running, .succeeded, .pruned, .failed]
        parts.append("state: " + states.map { state in
            var page = trials
            (page.state, page.page) = (state, 1)
            return link(page, state?.rawValue ?? "all", current: state == trials.state)
        }.joined(separator: " "))
        var previous = trials, next = trials
        previous.page -= 1
        next.page += 1
        if trials.page > 1 { parts.append(link(previous, "previous", current: false)) }
        if trials.page * TrialPage.size < matched { parts.append(link(next, "next", current: false)) }
        return "<p class=\"meta\" data-pager>" + parts.joined(separator: " · ") + "</p>"
    }
}
