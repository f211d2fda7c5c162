import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Execution

/// What a trial may put in place of its metrics file: the tailer never blocks on it and
/// never reads outside the trial's directory (real FIFOs, real symbolic links).
@Suite("Metrics tailer: files the trial controls", .serialized)
struct MetricsTailerTrialFileTests {
    @Test("a FIFO is refused at once with one warning, and the drain does not block",
          .timeLimit(.minutes(1)))
    func fifo() throws {
        let trial = TemporaryDirectory()
        let path = trial.file("metrics.jsonl")
        #expect(mkfifo(path, 0o644) == 0)
        let tailer = try MetricsTailer<Int>(mode: .polling)
        try tailer.add(path, key: 0)
        let first = tailer.drain()
        #expect(first.flatMap(\.lines).isEmpty)
        #expect(first.flatMap(\.warnings).map(\.message) == ["\(path) is a FIFO, not a regular file: not read"])
        #expect(tailer.drain().flatMap(\.warnings).isEmpty, "warned once, not at every drain")
    }

    @Test("a FIFO replaced by a regular file is read from the file's start", .timeLimit(.minutes(1)))
    func fifoReplaced() throws {
        let trial = TemporaryDirectory()
        let path = trial.file("metrics.jsonl")
        #expect(mkfifo(path, 0o644) == 0)
        let tailer = try MetricsTailer<Int>(mode: .polling)
        try tailer.add(path, key: 0)
        #expect(tailer.drain().flatMap(\.warnings).count == 1)
        #expect(unlink(path) == 0)
        append(path, "{\"loss\": 1}\n")
        #expect(tailer.drain().flatMap(\.lines).map(\.text) == [#"{"loss": 1}"#])
    }

    @Test("a symbolic link out of the trial's directory is not followed: its target is never read")
    func linkOut() throws {
        let trial = TemporaryDirectory()
        let elsewhere = TemporaryDirectory()
        let secret = elsewhere.file("secret")
        append(secret, "root:$6$hash:19000::::::\n{\"loss\": 1}\n")
        let path = trial.file("metrics.jsonl")
        #expect(symlink(secret, path) == 0)
        let tailer = try MetricsTailer<Int>()
        try tailer.add(path, key: 0)
        let updates = tailer.drain()
        #expect(updates.flatMap(\.lines).isEmpty)
        #expect(updates.flatMap(\.warnings).map(\.message)
                == ["\(path) is a symbolic link out of the trial's directory: not read"])
        append(secret, "more\n")
        tailer.rescan()
        #expect(tailer.drain().flatMap(\.lines).isEmpty)
    }

    @Test("a relative symbolic link that climbs out with .. is not followed either")
    func linkOutByDots() throws {
        let parent = TemporaryDirectory()
        let trialPath = parent.file("trial")
        try FileManager.default.createDirectory(atPath: trialPath, withIntermediateDirectories: false)
        append(parent.file("outside.jsonl"), "{\"loss\": 2}\n")
        let path = trialPath + "/metrics.jsonl"
        #expect(symlink("../outside.jsonl", path) == 0)
        let tailer = try MetricsTailer<Int>(mode: .polling)
        try tailer.add(path, key: 0)
        let updates = tailer.drain()
        #expect(updates.flatMap(\.lines).isEmpty)
        #expect(updates.flatMap(\.warnings).count == 1)
    }

    @Test("a symbolic link that stays in the trial's directory is followed")
    func linkInside() throws {
        let trial = TemporaryDirectory()
        append(trial.file("real.jsonl"), "{\"loss\": 3}\n")
        let path = trial.file("metrics.jsonl")
        #expect(symlink("real.jsonl", path) == 0)
        let tailer = try MetricsTailer<Int>(mode: .polling)
        try tailer.add(path, key: 0)
        let updates = tailer.drain()
        #expect(updates.flatMap(\.lines).map(\.text) == [#"{"loss": 3}"#])
        #expect(updates.flatMap(\.warnings).isEmpty)
    }

    @Test("a directory in place of the file is refused with a warning")
    func directory() throws {
        let trial = TemporaryDirectory()
        let path = trial.file("metrics.jsonl")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let tailer = try MetricsTailer<Int>(mode: .polling)
        try tailer.add(path, key: 0)
        #expect(tailer.drain().flatMap(\.warnings).map(\.message) == ["\(path) is a directory, not a regular file: not read"])
    }

    @Test("ending a partial line before a retry leaves a FIFO and a link out of the directory alone")
    func endPartialLineLeavesAFIFOAlone() throws {
        let trial = TemporaryDirectory()
        let path = trial.file("metrics.jsonl")
        #expect(mkfifo(path, 0o644) == 0)
        try Controller<LocalBackend>.endPartialLine(path)
        var info = stat()
        #expect(lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        let outside = TemporaryDirectory()
        append(outside.file("target"), "no newline")
        let link = trial.file("linked.jsonl")
        #expect(symlink(outside.file("target"), link) == 0)
        try Controller<LocalBackend>.endPartialLine(link)
        #expect(try String(contentsOfFile: outside.file("target"), encoding: .utf8) == "no newline",
                "a file outside the trial's directory is never written")
    }
}
