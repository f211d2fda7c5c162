import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Execution

/// The tailer when a limit of a wide sweep is spent: inotify instances, inotify watches,
/// descriptors. The system calls are replaced so that each limit is spent on purpose.
@Suite("Metrics tailer fallbacks")
struct MetricsTailerFallbackTests {
    /// The real calls, except those given.
    static func system(initialize: (() -> Int32)? = nil, addWatch: ((Int32, String, UInt32) -> Int32)? = nil,
                       open: ((String) -> TrialFile.Outcome)? = nil) -> TailerSystem {
        TailerSystem(initialize: initialize ?? TailerSystem.live.initialize,
                     addWatch: addWatch ?? TailerSystem.live.addWatch,
                     open: open ?? TailerSystem.live.open)
    }

    /// `inotify_add_watch` as it fails once `max_user_watches` is spent.
    static var noWatchLeft: TailerSystem { system(addWatch: { _, _, _ in errno = ENOSPC; return -1 }) }

    /// Drains until nothing more comes, returning the lines' texts and every warning.
    static func drainAll(_ tailer: MetricsTailer<Int>) -> (lines: [String], warnings: [String]) {
        let updates = tailer.drain()
        return (updates.flatMap(\.lines).map(\.text), updates.flatMap(\.warnings).map(\.message))
    }

    @Test("a file whose directory cannot be watched is polled and still delivers every line, in order")
    func watchesSpent() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("metrics.jsonl")
        let tailer = try MetricsTailer<Int>(mode: .automatic, pollInterval: 0.5, system: Self.noWatchLeft)
        try tailer.add(path, key: 1)
        #expect(tailer.fileDescriptor != nil)
        #expect(tailer.pollingInterval == 0.5)
        var lines: [String] = []
        for chunk in 0..<10 {
            // Each write ends inside a line that the next one completes.
            let text = (0..<100).map { "{\"step\": \(chunk * 100 + $0)}" }.joined(separator: "\n")
            append(path, (chunk == 0 ? "" : "\n") + text)
            lines += Self.drainAll(tailer).lines
        }
        append(path, "\n")
        lines += Self.drainAll(tailer).lines
        #expect(lines == (0..<1000).map { "{\"step\": \($0)}" })
    }

    @Test("the fallback is said once, as a warning of the first file it concerns, naming the limit")
    func fallbackSaidOnce() throws {
        let dir = TemporaryDirectory()
        let tailer = try MetricsTailer<Int>(mode: .automatic, system: Self.noWatchLeft)
        try tailer.add(dir.file("a"), key: 1)
        try tailer.add(dir.file("b"), key: 2)
        append(dir.file("a"), "x\n")
        append(dir.file("b"), "y\n")
        let updates = tailer.drain()
        #expect(updates.map(\.key) == [1, 2])
        #expect(updates[0].warnings.count == 1)
        #expect(updates[0].warnings.first?.message.contains("fs.inotify.max_user_watches") == true)
        #expect(updates[0].warnings.first?.message.contains("polled every 0.5 s") == true)
        #expect(updates[1].warnings.isEmpty)
        #expect(updates.flatMap(\.lines).map(\.text) == ["x", "y"])
        #expect(Self.drainAll(tailer).warnings.isEmpty)
    }

    @Test("with no inotify instance left every file is polled, and that is said once")
    func instancesSpent() throws {
        let dir = TemporaryDirectory()
        let tailer = try MetricsTailer<Int>(mode: .automatic, pollInterval: 0.25,
                                            system: Self.system(initialize: { errno = EMFILE; return -1 }))
        #expect(tailer.fileDescriptor == nil)
        try tailer.add(dir.file("a"), key: 1)
        try tailer.add(dir.file("b"), key: 2)
        #expect(tailer.pollingInterval == 0.25)
        append(dir.file("a"), "1\n")
        append(dir.file("b"), "2\n")
        let (lines, warnings) = Self.drainAll(tailer)
        #expect(lines == ["1", "2"])
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("no inotify instance") == true)
    }

    @Test("inotify-only mode refuses a file it cannot watch instead of polling it")
    func inotifyOnlyThrows() throws {
        let dir = TemporaryDirectory()
        let tailer = try MetricsTailer<Int>(mode: .inotify, system: Self.noWatchLeft)
        #expect(throws: TailerError.self) { try tailer.add(dir.file("a"), key: 1) }
    }

    @Test("a file that cannot be opened for want of a descriptor is retried and holds the verdict until read")
    func descriptorsSpent() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("metrics.jsonl")
        append(path, "first\n")
        var refusals = 2
        let tailer = try MetricsTailer<Int>(mode: .automatic, pollInterval: 0.5, system: Self.system(open: { path in
            if refusals > 0 { refusals -= 1; return .failed(errno: EMFILE) }
            return TrialFile.open(path)
        }))
        try tailer.add(path, key: 1)
        let first = Self.drainAll(tailer)
        #expect(first.lines.isEmpty)
        #expect(first.warnings.count == 1)
        #expect(first.warnings.first?.contains("Too many open files") == true)
        #expect(!tailer.isCaughtUp(key: 1))
        #expect(tailer.pollingInterval == 0.5)
        let second = Self.drainAll(tailer)
        #expect(second.lines.isEmpty && second.warnings.isEmpty)
        #expect(!tailer.isCaughtUp(key: 1))
        let third = Self.drainAll(tailer)
        #expect(third.lines == ["first"] && third.warnings.isEmpty)
        #expect(tailer.isCaughtUp(key: 1))
    }
}
