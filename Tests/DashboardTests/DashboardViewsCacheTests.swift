import Dashboard
import Execution
import Foundation
import Testing

/// The run page costs what changed: a run whose version did not move is not read from its
/// store again, whichever page of its trials is asked; a change is shown at once.
@Suite struct DashboardViewsCacheTests {
    typealias Fixture = DashboardHTTPTests.Fixture

    @Test func anUnchangedRunIsReadOnceForAllItsPages() throws {
        let f = try Fixture()
        let site = DashboardSite(root: f.root)
        let first = try site.runContent("r1")
        #expect(try site.runContent("r1").0 == first.0)
        #expect(try site.live("r1").content == first.0)
        var byObjective = TrialPage()
        byObjective.order = .objective
        _ = try site.runContent("r1", trials: byObjective)
        _ = try site.report("r1")
        #expect(site.cache.reads == 1)
    }

    @Test func aChangedRunIsReadAgainAndShowsTheChange() throws {
        let f = try Fixture()
        let site = DashboardSite(root: f.root)
        let before = try site.runContent("r1")
        #expect(!before.0.contains("nightly"))
        try RunStore.open(layout: f.layout).updateTags(add: ["nightly"])
        let after = try site.runContent("r1")
        #expect(after.2 != before.2)
        #expect(after.0.contains("nightly"))
        #expect(site.cache.reads == 1)
        #expect(site.cache.updates == 1)
    }

    /// After a change the kept report is brought up to date by reading what changed, and the
    /// views drawn from it are those of a dashboard that reads the run from scratch.
    @Test func aChangedRunDrawsAsIfReadFromScratch() throws {
        let f = try Fixture()
        let site = DashboardSite(root: f.root)
        _ = try site.runContent("r1")
        let store = try RunStore.open(layout: f.layout)
        try store.createStartingTrial(number: 2, configuration: ["lr": .real(0.3)], slots: [], at: Date())
        try store.appendMetrics(trial: 2, attempt: 1, points: [MetricPoint(step: 1, name: "loss", value: 0.2),
                                                                MetricPoint(step: 1, name: "accuracy", value: 0.9)], at: Date())
        try store.appendMetrics(trial: 0, attempt: 1, points: [MetricPoint(step: 4, name: "loss", value: 0.1)], at: Date())
        let updated = try site.runContent("r1")
        #expect(site.cache.updates == 1)
        #expect(updated.0 == (try DashboardSite(root: f.root).runContent("r1").0))
        #expect(try site.report("r1") != "")
        #expect(site.cache.reads == 1)
    }

    /// Each step of a run that goes on — a running trial's points, its finish, a pruned
    /// trial's late point, a failure — draws what a dashboard reading from scratch draws,
    /// though the charts whose data did not change are kept from before.
    @Test func chartsKeptAcrossChangesMatchChartsDrawnFromScratch() throws {
        let f = try Fixture()
        let site = DashboardSite(root: f.root)
        let store = try RunStore.open(layout: f.layout)
        try store.createStartingTrial(number: 2, configuration: ["lr": .real(0.3)], slots: [1], at: Date())
        try store.recordLaunch(trial: 2, process: ProcessRecord(pid: 1, processGroup: 1, startTime: 0), at: Date())
        let steps: [() throws -> Void] = [
            { try store.appendMetrics(trial: 2, attempt: 1, points: [MetricPoint(step: 1, name: "loss", value: 0.4)], at: Date()) },
            { try store.appendMetrics(trial: 2, attempt: 1, points: [MetricPoint(step: 2, name: "loss", value: 0.3)], at: Date()) },
            { try store.recordFinish(trial: 2, state: .succeeded, exitCode: 0, objective: 0.3, steps: 2, at: Date()) },
            { try store.appendMetrics(trial: 1, attempt: 1, points: [MetricPoint(step: 4, name: "loss", value: 0.05)], at: Date()) },
            { try store.createStartingTrial(number: 3, configuration: ["lr": .real(0.4)], slots: [0], at: Date()) },
        ]
        _ = try site.runContent("r1")
        for step in steps {
            try step()
            let (content, _, _) = try site.runContent("r1")
            // The slot timeline of a running trial ends at the time of drawing: compare the rest.
            func stable(_ html: String) -> String {
                html.replacingOccurrences(of: #"(?s)<svg[^>]*data-chart="timeline".*?</svg>"#, with: "", options: .regularExpression)
            }
            #expect(stable(content) == stable(try DashboardSite(root: f.root).runContent("r1").0))
        }
        #expect(site.cache.reads == 1)
        #expect(site.cache.updates == steps.count)
    }

    /// Only a few views and reports are kept, however many are asked for.
    @Test func theCacheKeepsTheMostRecentlyUsed() throws {
        let f = try Fixture()
        let site = DashboardSite(root: f.root, cache: ViewsCache(capacity: 2, reportCapacity: 1))
        let pages = (1...3).map { n -> TrialPage in
            var page = TrialPage()
            page.page = n
            return page
        }
        for page in pages { _ = try site.runContent("r1", trials: page) }
        #expect(site.cache.reads == 1)
        #expect(site.cache.keptViews == 2)
    }
}
