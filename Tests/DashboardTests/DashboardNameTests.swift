import Dashboard
import Execution
import Foundation
import Testing

/// Runs whose names hold a space, a letter outside ASCII, `#` or `?`: every link the pages
/// give leads, over HTTP, to what it names, with and without a token.
@Suite struct DashboardNameTests {
    typealias Fixture = DashboardHTTPTests.Fixture

    /// The `href`s of a page, as a browser reads them (HTML entities undone).
    static func links(_ html: String) -> [String] {
        html.matches(of: /href="([^"]*)"/).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }
    }

    @Test(arguments: ["x y", "é", "a#b", "a?b", "50%", "a+b&c=d"])
    func everyLinkOfARunLeadsToIt(name: String) async throws {
        let f = try Fixture(name: name)
        for token in [nil, "tok+en/with&odd=chars"] {
            let live = try await LiveDashboard(f.app(token: token))
            defer { Task { await live.stop() } }
            let query = token.map { "?token=" + URLText.component($0) } ?? ""
            let list = try await live.request("/" + query)
            let runLink = try #require(Self.links(list.body).first { $0.hasPrefix("/runs/") }, "\(name)")
            #expect(runLink == "/runs/" + URLText.component(name) + query)
            let run = try await live.request(runLink)
            #expect(run.status == 200 && run.body.contains("<h1>Run \(name.replacingOccurrences(of: "&", with: "&amp;"))</h1>"), "\(name): \(run.status)")
            for link in Self.links(run.body) where link != "/" + query {
                #expect(try await live.request(link).status == 200, "\(name): \(link)")
            }
            let trialLink = try #require(Self.links(run.body).first { $0.contains("/trials/0") })
            let trial = try await live.request(trialLink)
            #expect(trial.status == 200, "\(name): \(trialLink)")
            let artifact = try #require(Self.links(trial.body).first { $0.contains("loss%20curve.png") })
            #expect(try await live.request(artifact).body == "PNG", "\(name): \(artifact)")
            let logs = trialLink.replacingOccurrences(of: "/trials/0", with: "/trials/0/logs/stdout")
            #expect(try await live.request(logs).body == "epoch 1 <done>\n", "\(name): \(logs)")
            let source = try #require(run.body.firstMatch(of: /data-source="([^"]*)"/).map { String($0.1) })
            let refreshed = try await live.request(source.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(refreshed.status == 200 && refreshed.headers["x-run-state"] == "completed", "\(name): \(source)")
        }
    }

    /// The address `hpo ui` prints, with a token holding `+&/=%`, opens the dashboard.
    @Test func theAddressToOpenWorksWithAnyToken() async throws {
        let f = try Fixture()
        let token = "a+b&c/d=e%f0123456789"
        let live = try await LiveDashboard(f.app(token: token))
        defer { Task { await live.stop() } }
        let address = DashboardServer.address(host: "127.0.0.1", port: live.port, token: token)
        #expect(address == "http://127.0.0.1:\(live.port)/?token=a%2Bb%26c%2Fd%3De%25f0123456789")
        #expect(try await live.request(String(address.dropFirst("http://127.0.0.1:\(live.port)".count))).status == 200)
        #expect(DashboardServer.address(host: "::1", port: 9, token: nil) == "http://[::1]:9/")
    }
}
