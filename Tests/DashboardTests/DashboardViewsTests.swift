import Dashboard
import Execution
import Foundation
import Testing

/// The dashboard's views of issue 17: tags, the metric picker, every metric of a trial, and
/// several runs compared, over HTTP against a real server.
@Suite struct DashboardViewsTests {
    typealias Fixture = DashboardHTTPTests.Fixture

    /// Trial 0 of `f`'s run also reports `acc` (steps 1 and 2) and `peak_mem` once; the run is tagged.
    static func withMoreMetrics(_ f: Fixture) throws {
        let store = try RunStore.open(layout: f.layout)
        try store.appendMetrics(trial: 0, attempt: 1, points: [MetricPoint(step: 1, name: "acc", value: 0.5),
                                                               MetricPoint(step: 2, name: "acc", value: 0.8),
                                                               MetricPoint(step: 3, name: "peak_mem", value: 3.5)], at: Date())
        try store.updateTags(add: ["baseline"], note: "first <look>")
    }

    @Test func theRunsListShowsTagsAndACheckboxPerRunInACompareForm() async throws {
        let f = try Fixture()
        try Self.withMoreMetrics(f)
        let r = try await DashboardHTTPTests.get(f.app(), "/")
        #expect(r.body.contains("<form method=\"get\" action=\"/compare\">"))
        #expect(r.body.contains("<input type=\"checkbox\" name=\"run\" value=\"r1\""))
        #expect(r.body.contains("<span class=\"tag\">baseline</span> <span title=\"first &lt;look&gt;\">first &lt;look&gt;</span>"))
        #expect(r.headers["content-security-policy"]?.contains("form-action 'self'") == true)
    }

    @Test func theRunPageShowsTagsAndPicksAMetricByItsAddress() async throws {
        let f = try Fixture()
        try Self.withMoreMetrics(f)
        let page = try await DashboardHTTPTests.get(f.app(), "/runs/r1")
        #expect(page.body.contains("tags: <span class=\"tag\">baseline</span>; note: first &lt;look&gt;"))
        #expect(page.body.contains("metric: <strong>loss</strong> · <a href=\"/runs/r1?metric=acc\">acc</a>"))
        let acc = try await DashboardHTTPTests.get(f.app(), "/runs/r1?metric=acc")
        #expect(acc.status == 200)
        #expect(acc.body.contains("<strong>acc</strong>") && acc.body.contains(">last acc</text>"))
        // acc's learning curves too; the objective's are drawn once, in their own view.
        #expect(acc.body.components(separatedBy: "data-chart=\"curves\"").count - 1 == 2 && acc.body.contains(">acc</text>"))
        #expect(page.body.components(separatedBy: "data-chart=\"curves\"").count - 1 == 1)
        #expect(acc.body.contains("data-source=\"/runs/r1/live?metric=acc\""))
        let live = try await DashboardHTTPTests.get(f.app(), "/runs/r1/live?metric=peak_mem")
        #expect(live.body.contains("<strong>peak_mem</strong>"))
        #expect(try await DashboardHTTPTests.get(f.app(), "/runs/r1?metric=nope").status == 404)
    }

    @Test func theTrialPagePlotsEveryMetricItReported() async throws {
        let f = try Fixture()
        try Self.withMoreMetrics(f)
        let r = try await DashboardHTTPTests.get(f.app(), "/runs/r1/trials/0")
        #expect(r.body.components(separatedBy: "data-chart=\"metric-curve\"").count - 1 == 3)   // loss, acc, peak_mem
        #expect(r.body.contains("<figcaption>peak_mem</figcaption>"))
    }

    @Test func checkedRunsAreComparedOnOnePage() async throws {
        let f = try Fixture()
        let g = try Fixture(name: "r 2", root: f.root)
        _ = g
        let r = try await DashboardHTTPTests.get(f.app(), "/compare?run=r1&run=r+2")
        #expect(r.status == 200, "\(r.body)")
        #expect(r.body.components(separatedBy: "data-chart=\"best-so-far\"").count == 2)
        #expect(r.body.contains("<a href=\"/runs/r%202\">r 2</a>"))
        let one = try await DashboardHTTPTests.get(f.app(), "/compare?run=r1")
        #expect(one.status == 400 && one.body.contains("pick two or more runs"))
        #expect(try await DashboardHTTPTests.get(f.app(), "/compare?run=r1&run=nope").status == 404)
    }

    @Test func withATokenTheFormAndTheMetricLinksKeepIt() async throws {
        let f = try Fixture()
        try Self.withMoreMetrics(f)
        let token = "0123456789abcdef0123"
        let list = try await DashboardHTTPTests.get(f.app(token: token), "/?token=" + token)
        #expect(list.body.contains("<input type=\"hidden\" name=\"token\" value=\"\(token)\">"))
        let page = try await DashboardHTTPTests.get(f.app(token: token), "/runs/r1?token=" + token)
        #expect(page.body.contains("href=\"/runs/r1?metric=acc&amp;token=\(token)\""))
    }
}
