import Dashboard
import Execution
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The files a trial leaves, as the dashboard serves them, on a real file system with real
/// links and FIFOs: nothing outside the trial is read, nothing makes a worker wait, and
/// artifacts of any size are streamed with ranges.
@Suite struct DashboardFileTests {
    typealias Fixture = DashboardHTTPTests.Fixture

    static func get(_ f: Fixture, _ target: String, method: String = "GET", headers: [String: String] = [:],
                    headOnly: Bool = false) async throws -> LiveDashboard.Response {
        let live = try await LiveDashboard(f.app())
        defer { Task { await live.stop() } }
        return try await live.request(target, method: method, headers: headers, headOnly: headOnly)
    }

    /// A trial that replaces its artifacts directory with a link to a directory outside the
    /// run (standing for /etc): none of its files is served, and it is not listed.
    @Test func anArtifactsDirectoryLinkedOutOfTheTrialIsRefused() async throws {
        let f = try Fixture()
        let outside = f.root + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try "root:x:0:0".write(toFile: outside + "/shadow", atomically: true, encoding: .utf8)
        let artifacts = f.layout.trial(0).artifacts
        try FileManager.default.removeItem(atPath: artifacts)
        try FileManager.default.createSymbolicLink(atPath: artifacts, withDestinationPath: outside)
        let file = try await Self.get(f, "/runs/r1/trials/0/artifacts/shadow")
        #expect(file.status == 404 && !file.body.contains("root:x"))
        let page = try await Self.get(f, "/runs/r1/trials/0")
        #expect(page.status == 200 && !page.body.contains("shadow"))
    }

    /// The same with the trial's whole directory replaced by a link.
    @Test func aTrialDirectoryLinkedElsewhereIsRefused() async throws {
        let f = try Fixture()
        let moved = f.root + "/elsewhere"
        try FileManager.default.moveItem(atPath: f.layout.trial(0).directory, toPath: moved)
        try FileManager.default.createSymbolicLink(atPath: f.layout.trial(0).directory, withDestinationPath: moved)
        #expect(try await Self.get(f, "/runs/r1/trials/0/artifacts/result.json").status == 404)
        #expect(try await Self.get(f, "/runs/r1/trials/0/logs/stdout").status == 404)
    }

    @Test func aLogLinkedOutOfTheTrialIsNotFollowed() async throws {
        let f = try Fixture()
        let stdout = f.layout.trial(0).stdout
        try FileManager.default.removeItem(atPath: stdout)
        try FileManager.default.createSymbolicLink(atPath: stdout, withDestinationPath: f.root + "/secret.txt")
        let log = try await Self.get(f, "/runs/r1/trials/0/logs/stdout")
        #expect(log.status == 404 && !log.body.contains("secret\n") && log.body != "secret")
        let page = try await Self.get(f, "/runs/r1/trials/0")
        #expect(page.status == 200 && !page.body.contains(">secret<"))
    }

    /// A FIFO for stderr.log: opening it for reading would wait for a writer forever. Each
    /// request is answered at once, and after more of them than the server has threads,
    /// every page still answers.
    @Test func aFIFOLogIsRefusedAtOnce() async throws {
        let f = try Fixture()
        let stderr = f.layout.trial(0).stderr
        try FileManager.default.removeItem(atPath: stderr)
        #expect(mkfifo(stderr, 0o600) == 0)
        let live = try await LiveDashboard(f.app())
        defer { Task { await live.stop() } }
        for _ in 0..<(ProcessInfo.processInfo.activeProcessorCount + 2) {
            #expect(try await live.request("/runs/r1/trials/0/logs/stderr").status == 404)
            #expect(try await live.request("/runs/r1/trials/0").status == 200)
        }
        #expect(try await live.request("/").status == 200)
    }

    @Test func aFIFOArtifactIsRefusedAtOnce() async throws {
        let f = try Fixture()
        #expect(mkfifo(f.layout.trial(0).artifacts + "/pipe", 0o600) == 0)
        let live = try await LiveDashboard(f.app())
        defer { Task { await live.stop() } }
        for _ in 0..<(ProcessInfo.processInfo.activeProcessorCount + 2) {
            #expect(try await live.request("/runs/r1/trials/0/artifacts/pipe").status == 404)
        }
        #expect(try await live.request("/").status == 200)
    }

    /// A FIFO in place of the run's store: the run is not found, the others still are.
    @Test func aFIFOStoreIsNoRun() async throws {
        let f = try Fixture()
        let other = try Fixture(name: "r2", root: f.root)
        try FileManager.default.removeItem(atPath: f.layout.database)
        #expect(mkfifo(f.layout.database, 0o600) == 0)
        let live = try await LiveDashboard(f.app())
        defer { Task { await live.stop() } }
        #expect(try await live.request("/runs/r1").status == 404)
        let list = try await live.request("/")
        #expect(list.status == 200 && list.body.contains(">r2</a>"))
        _ = other
    }

    @Test func artifactsCarryTheirLengthAndAcceptRanges() async throws {
        let f = try Fixture()
        let r = try await Self.get(f, "/runs/r1/trials/0/artifacts/result.json")
        #expect(r.status == 200 && r.headers["content-length"] == "12" && r.headers["accept-ranges"] == "bytes")
        #expect(r.headers["etag"] != nil && r.headers["last-modified"]?.hasSuffix(" GMT") == true)
    }

    @Test(arguments: [
        ("bytes=1-4", 206, "\"acc", "bytes 1-4/12"),
        ("bytes=8-", 206, "0.9}", "bytes 8-11/12"),
        ("bytes=-3", 206, ".9}", "bytes 9-11/12"),
        ("bytes=10-99", 206, "9}", "bytes 10-11/12"),
        ("bytes=12-", 416, "", "bytes */12"),
        ("bytes=0-1,4-5", 200, "{\"acc\": 0.9}", nil),
    ])
    func rangesAreServed(range: String, status: Int, body: String, contentRange: String?) async throws {
        let f = try Fixture()
        let r = try await Self.get(f, "/runs/r1/trials/0/artifacts/result.json", headers: ["Range": range])
        #expect(r.status == status && r.body == body && r.headers["content-range"] == contentRange, "\(range)")
    }

    /// A range conditional on another version of the file gets the whole file.
    @Test func ifRangeOfAnotherVersionGetsTheWholeFile() async throws {
        let f = try Fixture()
        let path = "/runs/r1/trials/0/artifacts/result.json"
        let tag = try #require(try await Self.get(f, path).headers["etag"])
        #expect(try await Self.get(f, path, headers: ["Range": "bytes=0-0", "If-Range": tag]).status == 206)
        #expect(try await Self.get(f, path, headers: ["Range": "bytes=0-0", "If-Range": "\"old\""]).status == 200)
    }

    @Test func headAnswersTheLengthWithoutTheBody() async throws {
        let f = try Fixture()
        let r = try await Self.get(f, "/runs/r1/trials/0/artifacts/result.json", method: "HEAD")
        #expect(r.status == 200 && r.headers["content-length"] == "12" && r.body.isEmpty)
    }

    /// A sparse artifact of 5 GiB (no disk used): its length, and bytes past 4 GiB, where
    /// reading the whole file into one buffer trapped.
    @Test func anArtifactLargerThan4GiBIsStreamed() async throws {
        let f = try Fixture()
        let path = f.layout.trial(0).artifacts + "/model.bin"
        let size: Int64 = 5 << 30
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        #expect(fd >= 0 && ftruncate(fd, off_t(size)) == 0)
        let marker = Array("past four GiB".utf8)
        #expect(pwrite(fd, marker, marker.count, off_t(4 << 30) + 7) == marker.count)
        close(fd)
        let target = "/runs/r1/trials/0/artifacts/model.bin"
        let whole = try await Self.get(f, target, headOnly: true)
        #expect(whole.status == 200 && whole.headers["content-length"] == String(size))
        let part = try await Self.get(f, target, headers: ["Range": "bytes=\((4 << 30) + 7)-\((4 << 30) + 19)"])
        #expect(part.status == 206 && part.body == "past four GiB")
    }
}
