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
        #expect(site.cache.reads == 2)
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
