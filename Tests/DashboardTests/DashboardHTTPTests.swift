import Dashboard
import Execution
import Foundation
import Testing

/// Every route of `hpo ui` over HTTP, a real server on a free port spoken to through a socket
/// (`LiveDashboard`), on a real run made through the run store: pages, live views, logs,
/// artifacts, traversal attempts, the token.
@Suite struct DashboardHTTPTests {
    /// A root with run `r1`: trial 0 succeeded with curve points, logs and artifacts; trial 1
    /// pruned. Outside the run: a secret file, and a link to it from trial 0's artifacts.
    final class Fixture {
        let root: String
        let layout: RunLayout
        /// Whether this fixture made `root` (and removes it).
        private let ownsRoot: Bool

        /// Run `name` in `root` (default: a fresh temporary directory).
        init(name: String = "r1", root: String? = nil) throws {
            self.root = root ?? FileManager.default.temporaryDirectory.appendingPathComponent("hpo-ui-\(UUID().uuidString)").path
            ownsRoot = root == nil
            let layout = try RunLayout(root: self.root, name: name)
            self.layout = layout
            try layout.createDirectories()
            let store = try RunStore.create(layout: layout, run: RunInfo(
                name: name, createdAt: Date(timeIntervalSince1970: 1_750_000_000), configurationYAML: "", seed: 0,
                strategy: "random", goal: .minimize, metric: "loss", parameterNames: ["lr"]))
            for (number, state) in [(0, TrialState.succeeded), (1, .pruned)] {
                try store.createStartingTrial(number: number, configuration: ["lr": .real(0.1 * Double(number + 1))],
                                              slots: [], at: Date())
                try store.recordLaunch(trial: number, process: ProcessRecord(pid: 1, processGroup: 1, startTime: 0), at: Date())
                try store.appendMetrics(trial: number, attempt: 1, points: (1...3).map {
                    MetricPoint(step: $0, name: "loss", value: 1 / Double($0 + number)) }, at: Date())
                try store.recordFinish(trial: number, state: state, exitCode: 0, objective: 1 / Double(3 + number), steps: 3,
                                       explanation: state == .pruned ? "pruned at rung 1" : nil, at: Date())
            }
            try store.setRunState(.completed, at: Date())
            let trial = layout.trial(0)
            for directory in [trial.directory, trial.artifacts, trial.artifacts + "/plots"] {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            try "epoch 1 <done>\n".write(toFile: trial.stdout, atomically: true, encoding: .utf8)
            try "warning: slow\n".write(toFile: trial.stderr, atomically: true, encoding: .utf8)
            try "{\"acc\": 0.9}".write(toFile: trial.artifacts + "/result.json", atomically: true, encoding: .utf8)
            try "PNG".write(toFile: trial.artifacts + "/plots/loss curve.png", atomically: true, encoding: .utf8)
            try "secret".write(toFile: self.root + "/secret.txt", atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: trial.artifacts + "/escape",
                                                       withDestinationPath: self.root + "/secret.txt")
            try FileManager.default.createSymbolicLink(atPath: trial.artifacts + "/inside", withDestinationPath: "result.json")
        }

        deinit { if ownsRoot { try? FileManager.default.removeItem(atPath: root) } }

        func app(token: String? = nil) -> DashboardServer {
            DashboardServer(root: root, token: token)
        }
    }

    /// One request to a fresh server of `server`.
    static func get(_ server: DashboardServer, _ target: String, method: String = "GET",
                    headers: [String: String] = [:]) async throws -> LiveDashboard.Response {
        let live = try await LiveDashboard(server)
        defer { Task { await live.stop() } }
        return try await live.request(target, method: method, headers: headers)
    }

    @Test func theRunsListLinksEachRun() async throws {
        let f = try Fixture()
        let r = try await Self.get(f.app(), "/")
        #expect(r.status == 200)
        #expect(r.headers["content-type"] == "text/html; charset=utf-8")
        #expect(r.body.contains("<a href=\"/runs/r1\">r1</a>") && r.body.contains("completed") && r.body.contains("2 / 2"))
    }

    @Test func theRunPageShowsEveryViewAndLinksTrials() async throws {
        let f = try Fixture()
        let r = try await Self.get(f.app(), "/runs/r1")
        #expect(r.status == 200)
        for title in ["Optimization history", "Parallel coordinates", "Learning curves", "Parameter importance",
                      "Slot timeline", "Trials"] {
            #expect(r.body.contains("<h2>\(title)</h2>"), "\(title)")
        }
        #expect(r.body.contains("<a href=\"/runs/r1/trials/0\">0</a>"))
        #expect(r.body.contains("data-state=\"completed\""))
    }

    @Test func theLiveViewsCarryTheRunState() async throws {
        let f = try Fixture()
        let r = try await Self.get(f.app(), "/runs/r1/live")
        #expect(r.status == 200 && r.headers["x-run-state"] == "completed")
        #expect(r.body.hasPrefix("<h1>Run r1</h1>") && !r.body.contains("<html"))
    }

    @Test func theReportDownloadIsTheSelfContainedPage() async throws {
        let f = try Fixture()
        let r = try await Self.get(f.app(), "/runs/r1/report.html")
        #expect(r.status == 200 && r.body.hasPrefix("<!DOCTYPE html>") && !r.body.contains("<script"))
    }

    @Test func theTrialPageShowsCurveMetricsLogsAndArtifacts() async throws {
        let f = try Fixture()
        let r = try await Self.get(f.app(), "/runs/r1/trials/0")
        #expect(r.status == 200)
        #expect(r.body.contains("data-chart=\"curves\""))
        #expect(r.body.contains("epoch 1 &lt;done&gt;") && r.body.contains("warning: slow"))
        #expect(r.body.contains("<a href=\"/runs/r1/trials/0/artifacts/plots/loss%20curve.png\">plots/loss curve.png</a>"))
    }

    @Test func logsAreServedAsText() async throws {
        let f = try Fixture()
        let r = try await Self.get(f.app(), "/runs/r1/trials/0/logs/stdout")
        #expect(r.status == 200 && r.body == "epoch 1 <done>\n" && r.headers["content-type"] == "text/plain; charset=utf-8")
        #expect(try await Self.get(f.app(), "/runs/r1/trials/0/logs/passwd").status == 404)
        #expect(try await Self.get(f.app(), "/runs/r1/trials/9/logs/stdout").status == 404)
    }

    /// A trial that wrote nothing leaves no log (its empty logs are removed after it): its
    /// log reads as empty, like its page.
    @Test func aMissingLogOfATrialReadsAsEmpty() async throws {
        let f = try Fixture()
        #expect(!FileManager.default.fileExists(atPath: f.layout.trial(1).stdout))
        let r = try await Self.get(f.app(), "/runs/r1/trials/1/logs/stdout")
        #expect(r.status == 200 && r.body == "" && r.headers["content-type"] == "text/plain; charset=utf-8")
        let page = try await Self.get(f.app(), "/runs/r1/trials/1")
        #expect(page.status == 200 && page.body.contains("<h2>stderr (last 16 KB)</h2><pre></pre>"))
    }

    @Test func artifactsAreServed() async throws {
        let f = try Fixture()
        let r = try await Self.get(f.app(), "/runs/r1/trials/0/artifacts/result.json")
        #expect(r.status == 200 && r.body == "{\"acc\": 0.9}" && r.headers["content-type"] == "application/json")
        #expect(try await Self.get(f.app(), "/runs/r1/trials/0/artifacts/plots/loss%20curve.png").body == "PNG")
        #expect(try await Self.get(f.app(), "/runs/r1/trials/0/artifacts/inside").body == "{\"acc\": 0.9}")
    }

    @Test(arguments: [
        ("/runs/r1/trials/0/artifacts/../../../run.db", 400),
        ("/runs/r1/trials/0/artifacts/plots/../../../../secret.txt", 400),
        ("/runs/r1/trials/0/artifacts/%2e%2e/%2e%2e/run.db", 400),
        ("/runs/r1/trials/0/artifacts/%2E%2E%2F%2E%2E%2Frun.db", 400),
        ("/runs/r1/trials/0/artifacts/..%2f..%2frun.db", 400),
        ("/runs/r1/trials/0/artifacts//etc/passwd", 404),   // the router drops the empty component
        ("/runs/r1/trials/0/artifacts/escape", 404),
        ("/runs/r1/trials/0/artifacts/missing.txt", 404),
        ("/runs/r1/trials/0/artifacts/plots", 404),
        ("/runs/..%2fsecret.txt", 404),
        ("/runs/nope", 404),
        ("/runs/r1/trials/7", 404),
        ("/runs/r1/trials/-1", 404),
    ])
    func pathsOutOfTheRunAreRefused(uri: String, status: Int) async throws {
        let f = try Fixture()
        let r = try await Self.get(f.app(), uri)
        #expect(r.status == status, "\(uri): \(r.body)")
        #expect(!r.body.contains("root:") && (!r.body.contains("secret") || r.body.contains("not found")))
    }

    @Test func nothingButGetIsAnswered() async throws {
        let f = try Fixture()
        for method in ["POST", "PUT", "DELETE", "PATCH"] {
            let status = try await Self.get(f.app(), "/runs/r1", method: method).status
            #expect(status == 404 || status == 405, "\(method)")
        }
    }

    @Test func withATokenEveryRequestMustCarryIt() async throws {
        let f = try Fixture()
        let token = "0123456789abcdef0123"
        #expect(try await Self.get(f.app(token: token), "/").status == 401)
        #expect(try await Self.get(f.app(token: token), "/runs/r1/trials/0/artifacts/result.json").status == 401)
        #expect(try await Self.get(f.app(token: token), "/?token=wrong").status == 401)
        #expect(try await Self.get(f.app(token: token), "/", headers: ["Authorization": "Bearer wrong"]).status == 401)
        #expect(try await Self.get(f.app(token: token), "/", headers: ["Authorization": "Bearer " + token]).status == 200)
        let page = try await Self.get(f.app(token: token), "/?token=" + token)
        #expect(page.status == 200 && page.body.contains("href=\"/runs/r1?token=\(token)\""))
    }

    @Test func anotherAddressNeedsAToken() {
        #expect(throws: DashboardStartError.tokenNeeded(host: "0.0.0.0")) {
            try DashboardServer(root: "/tmp", host: "0.0.0.0").check()
        }
        #expect(throws: DashboardStartError.weakToken) {
            try DashboardServer(root: "/tmp", host: "0.0.0.0", token: "short").check()
        }
        #expect(throws: Never.self) { try DashboardServer(root: "/tmp", host: "0.0.0.0", token: String(repeating: "k", count: 20)).check() }
        #expect(throws: Never.self) { try DashboardServer(root: "/tmp").check() }
    }
}

/// `ArtifactPath` alone: what it refuses before touching the file system.
@Suite struct ArtifactPathTests {
    @Test(arguments: [[""], ["a", "", "b"], [".."], ["."], ["a", ".."], ["%2e%2e"], ["..%2F"], ["a\\b"], ["a/b"], []])
    func badComponentsAreBadPaths(components: [String]) {
        #expect(throws: DashboardError.self) { _ = try ArtifactPath.resolve(components, under: "/tmp") }
        do {
            _ = try ArtifactPath.resolve(components, under: "/tmp")
        } catch {
            if case .badPath = error {} else { Issue.record("\(components): \(error)") }
        }
    }
}
