import Dashboard
import Execution
import Foundation
import Testing

/// The headers on every answer (a strict Content-Security-Policy, nosniff), the pages'
/// own script and styles allowed by their hashes, and artifacts that could run script
/// served as downloads.
@Suite struct DashboardSecurityHeaderTests {
    typealias Fixture = DashboardHTTPTests.Fixture

    /// `'sha256-…'` of an inline element's text, as a browser computes it.
    static func source(_ text: String) -> String {
        let hex = Array(SHA256.hex(text).utf8)
        let bytes = stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
        return "'sha256-\(Data(bytes).base64EncodedString())'"
    }

    /// The CSP directive `name` of a policy, as its list of sources.
    static func directive(_ name: String, in policy: String) -> [String] {
        policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix(name + " ") }.map { $0.split(separator: " ").dropFirst().map(String.init) } ?? []
    }

    @Test(arguments: ["/", "/runs/r1", "/runs/r1/live", "/runs/r1/report.html", "/runs/r1/trials/0", "/runs/r1/trials/0/logs/stdout",
                      "/runs/r1/trials/0/artifacts/result.json", "/runs/nope", "/no/such/route",
                      "/runs/r1/trials/0/artifacts/../x"])
    func everyAnswerCarriesThePolicyAndNosniff(target: String) async throws {
        let f = try Fixture()
        let r = try await DashboardHTTPTests.get(f.app(), target)
        let policy = try #require(r.headers["content-security-policy"], "\(target)")
        #expect(Self.directive("default-src", in: policy) == ["'none'"], "\(target)")
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "\(target)")
        #expect(r.headers["x-content-type-options"] == "nosniff", "\(target)")
        #expect(r.headers["referrer-policy"] == "no-referrer", "\(target)")
    }

    @Test func aRefusedTokenCarriesThemToo() async throws {
        let f = try Fixture()
        let r = try await DashboardHTTPTests.get(f.app(token: "0123456789abcdef0123"), "/")
        #expect(r.status == 401 && r.headers["content-security-policy"] != nil && r.headers["x-content-type-options"] == "nosniff")
    }

    /// Each inline script and style of the run page, the trial page and the served report is
    /// allowed by its hash, and nothing else inline is.
    @Test(arguments: ["/runs/r1", "/runs/r1/trials/0", "/runs/r1/report.html", "/"])
    func thePagesOwnScriptAndStylesAreAllowedByTheirHashes(target: String) async throws {
        let f = try Fixture()
        let r = try await DashboardHTTPTests.get(f.app(), target)
        let policy = try #require(r.headers["content-security-policy"])
        for script in r.body.matches(of: /<script>([\s\S]*?)<\/script>/) {
            #expect(Self.directive("script-src", in: policy).contains(Self.source(String(script.1))), "\(target) script")
        }
        let styles = r.body.matches(of: /<style>([\s\S]*?)<\/style>/)
        #expect(!styles.isEmpty)
        for style in styles {
            #expect(Self.directive("style-src", in: policy).contains(Self.source(String(style.1))), "\(target) style")
        }
        #expect(!r.body.contains("<script ") && !r.body.contains(" style=\"") && !r.body.contains(" onclick"))
    }

    /// An SVG (which can hold script) is a download that runs nothing; a PNG shows in place.
    @Test func scriptableArtifactsAreDownloadsAndImagesShowInPlace() async throws {
        let f = try Fixture()
        let artifacts = f.layout.trial(0).artifacts
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(location)</script></svg>"
            .write(toFile: artifacts + "/plot.svg", atomically: true, encoding: .utf8)
        try "<html><script>alert(1)</script></html>".write(toFile: artifacts + "/page.html", atomically: true, encoding: .utf8)
        for name in ["plot.svg", "page.html", "result.json"] {
            let r = try await DashboardHTTPTests.get(f.app(), "/runs/r1/trials/0/artifacts/" + name)
            #expect(r.status == 200 && r.headers["content-disposition"]?.hasPrefix("attachment; filename=\"\(name)\"") == true,
                    "\(name): \(r.headers)")
            #expect(r.headers["content-security-policy"]?.contains("sandbox") == true, "\(name)")
        }
        let png = try await DashboardHTTPTests.get(f.app(), "/runs/r1/trials/0/artifacts/plots/loss%20curve.png")
        #expect(png.headers["content-disposition"] == "inline" && png.headers["content-type"] == "image/png")
    }
}
