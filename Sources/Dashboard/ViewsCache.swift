import Execution
import Report
import Synchronization

/// The run views the dashboard rendered last, by the run's version (`DashboardSite.version`):
/// a run that did not change since is not read again. Every open tab of a running run asks
/// `/live` every 2 s; while nothing changed each gets a 204, and after a change the first one
/// brings the kept report up to date (reading only what the store gained,
/// `RunReport.update(from:)`) and draws again only the charts whose data changed
/// (`DrawnCharts`); the others (and a reload of the page) get the views from here. The
/// report of a version is kept too, so another page, order or metric of the same version
/// draws from memory.
///
/// Bounded: `capacity` views and `reportCapacity` reports, the least recently used go first.
/// Shared by the server's workers (a `Mutex`).
public final class ViewsCache: Sendable {
    /// Which views: the run, its version, the *Metrics* view's metric and the table's page.
    struct Key: Hashable, Sendable {
        var run: String
        var version: String
        var metric: String?
        var trials: TrialPage
    }

    /// The views of a key, with the run's state as shown.
    struct Views: Sendable {
        var content: String
        var state: RunState
    }

    private struct State {
        var views: [(Key, Views)] = []
        var reports: [(run: String, version: String, report: RunReport, charts: DrawnCharts)] = []
        /// How many times a run's report was read from its store (tests check that an
        /// unchanged run is read once).
        var reads = 0
        /// How many times a kept report was updated in place of a read.
        var updates = 0
    }

    private let state = Mutex(State())
    /// How many views are kept.
    let capacity: Int
    /// How many runs' reports are kept (each holds every trial and curve of its run).
    let reportCapacity: Int

    /// An empty cache.
    public init(capacity: Int = 32, reportCapacity: Int = 4) {
        self.capacity = capacity
        self.reportCapacity = reportCapacity
    }

    /// How many times a report was read from a store so far.
    public var reads: Int { state.withLock { $0.reads } }

    /// How many views are kept now (at most `capacity`).
    public var keptViews: Int { state.withLock { $0.views.count } }

    /// The views of `key` if they were drawn, now the most recently used.
    func views(_ key: Key) -> Views? {
        state.withLock { state in
            guard let index = state.views.firstIndex(where: { $0.0 == key }) else { return nil }
            let entry = state.views.remove(at: index)
            state.views.append(entry)
            return entry.1
        }
    }

    /// Keeps the views of `key`, dropping the least recently used past `capacity`.
    func keep(_ views: Views, for key: Key) {
        state.withLock { state in
            state.views.removeAll { $0.0 == key }
            state.views.append((key, views))
            if state.views.count > capacity { state.views.removeFirst(state.views.count - capacity) }
        }
    }

    /// How many times a kept report was brought up to a newer version by reading only what
    /// its store gained (`RunReport.update(from:)`) instead of reading it again.
    public var updates: Int { state.withLock { $0.updates } }

    /// The report of `run` at `version`: the kept one; else the run's report of an older
    /// version brought up to date by `update` (which reads only what changed since); else,
    /// when there is none or `update` cannot go on from it (false, or it throws), `read()`'s.
    /// Then kept, replacing the run's report of an older version.
    /// With the report, the charts drawn from it and the reports it continues
    /// (`DrawnCharts`; a new one after a read from scratch).
    func report(_ run: String, version: String, read: () throws -> RunReport,
                update: (inout RunReport) throws -> Bool = { _ in false }) rethrows -> (RunReport, DrawnCharts) {
        let kept = state.withLock { state in state.reports.first { $0.run == run } }
        if let kept, kept.version == version { return (kept.report, kept.charts) }
        var report: RunReport
        var charts = DrawnCharts()
        var updated = false
        if let kept, case var older = kept.report, (try? update(&older)) == true {
            (report, charts, updated) = (older, kept.charts, true)
        } else {
            report = try read()
        }
        state.withLock { state in
            if updated { state.updates += 1 } else { state.reads += 1 }
            state.reports.removeAll { $0.run == run }
            state.reports.append((run, version, report, charts))
            if state.reports.count > reportCapacity { state.reports.removeFirst(state.reports.count - reportCapacity) }
        }
        return (report, charts)
    }
}
