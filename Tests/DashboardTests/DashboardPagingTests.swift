import Dashboard
import Execution
import Foundation
import Testing

/// The run page of a big run: a page of trials sorted and filtered by the server, and a
/// `/live` that sends nothing while nothing changed. Over HTTP against a real server, on a
/// run of 250 trials filled through the run store (`ViewsMeasure.fill`).
@Suite struct DashboardPagingTests {
    final class BigRun {
        let root: String
        let layout: RunLayout
        init() throws { (root, layout) = try ViewsMeasure.fill(trials: 250) }
        deinit { try? FileManager.default.removeItem(atPath: root) }
        var app: DashboardServer { DashboardServer(root: root) }
    }

    /// The trial numbers of the table's rows, in order.
    static func rows(_ html: String) -> [Int] {
        html.components(separatedBy: "<tr><td><a href=\"/runs/big/trials/").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
    }

    @Test func theRunPageShowsTheFirstHundredTrialsAndLinksTheNext() async throws {
        let run = try BigRun()
        let page = try await DashboardHTTPTests.get(run.app, "/runs/big")
        #expect(Self.rows(page.body) == Array(0..<100))
        #expect(page.body.contains("trials 1–100 of 250"))
        #expect(page.body.contains("<a href=\"/runs/big?page=2\">next</a>"))
    }

    @Test func theLastPageHoldsTheRest() async throws {
        let run = try BigRun()
        let page = try await DashboardHTTPTests.get(run.app, "/runs/big?page=3")
        #expect(Self.rows(page.body) == Array(200..<250))
        #expect(!page.body.contains(">next</a>") && page.body.contains("<a href=\"/runs/big?page=2\">previous</a>"))
    }

    @Test func sortingByObjectivePutsTheBestTrialFirst() async throws {
        let run = try BigRun()
        let best = try RunStore.open(layout: run.layout, readOnly: true).bestTrial()!.number
        let page = try await DashboardHTTPTests.get(run.app, "/runs/big?sort=objective")
        #expect(Self.rows(page.body).first == best)
        #expect(page.body.contains("<strong>objective</strong>"))
    }

    @Test func aStateFilterShowsOnlyThatState() async throws {
        let run = try BigRun()
        let pruned = try RunStore.open(layout: run.layout, readOnly: true).trials(in: [.pruned]).map(\.number).sorted()
        let page = try await DashboardHTTPTests.get(run.app, "/runs/big?state=pruned")
        #expect(Self.rows(page.body) == pruned)
        #expect(page.body.contains("data-source=\"/runs/big/live?state=pruned\""))
    }

    @Test func aPageThatIsNoNumberIsABadRequest() async throws {
        let run = try BigRun()
        let page = try await DashboardHTTPTests.get(run.app, "/runs/big?page=0")
        #expect(page.status == 400 && page.body.contains("page '0' is not a page number"))
    }

    @Test func liveSendsNothingWhileTheRunIsUnchanged() async throws {
        let run = try BigRun()
        let first = try await DashboardHTTPTests.get(run.app, "/runs/big/live")
        let version = try #require(first.headers["x-run-version"])
        #expect(first.status == 200 && Self.rows(first.body).count == 100)
        let again = try await DashboardHTTPTests.get(run.app, "/runs/big/live?since=\(version)")
        #expect(again.status == 204 && again.body.isEmpty)
        // No controller holds the fixture's run: it reads as interrupted, in both answers.
        #expect(again.headers["x-run-state"] == first.headers["x-run-state"] && again.headers["x-run-version"] == version)
    }

    @Test func liveSendsTheViewsOnceAMetricPointArrives() async throws {
        let run = try BigRun()
        let version = try #require(try await DashboardHTTPTests.get(run.app, "/runs/big/live").headers["x-run-version"])
        try RunStore.open(layout: run.layout).appendMetrics(trial: 3, attempt: 1, points: [MetricPoint(step: 6, name: "loss", value: 0.5)],
                                                             at: Date())
        let changed = try await DashboardHTTPTests.get(run.app, "/runs/big/live?since=\(version)")
        #expect(changed.status == 200 && changed.headers["x-run-version"] != version)
        #expect(Self.rows(changed.body).count == 100)
    }

    @Test func theRunPageCarriesItsVersionForTheRefresh() async throws {
        let run = try BigRun()
        let page = try await DashboardHTTPTests.get(run.app, "/runs/big")
        let live = try await DashboardHTTPTests.get(run.app, "/runs/big/live")
        #expect(page.body.contains("data-version=\"\(live.headers["x-run-version"] ?? "?")\""))
    }
}
