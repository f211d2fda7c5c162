import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Execution

/// Appends text with one write(2) on an O_APPEND descriptor, as a trial does.
func append(_ path: String, _ text: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    precondition(fd >= 0)
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

/// Waits up to `milliseconds` for the descriptor to become readable.
func readable(_ fd: Int32?, milliseconds: Int32 = 2000) -> Bool {
    guard let fd else { return false }
    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&p, 1, milliseconds) > 0
}

@Suite("Metrics tailer", .serialized)
struct MetricsTailerTests {
    @Test("appends in pieces: a partial line is completed by a later write")
    func pieces() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("metrics.jsonl")
        let tailer = try MetricsTailer<Int>(mode: .inotify)
        try tailer.add(path, key: 1)
        append(path, #"{"loss": 0."#)
        #expect(readable(tailer.fileDescriptor))
        #expect(tailer.drain().isEmpty)
        append(path, "41}\n")
        #expect(readable(tailer.fileDescriptor))
        let updates = tailer.drain()
        #expect(updates.count == 1)
        #expect(updates.first?.key == 1)
        #expect(updates.first?.lines == [FileLine(number: 0, #"{"loss": 0.41}"#)])
        #expect(!readable(tailer.fileDescriptor, milliseconds: 0))
    }

    @Test("many lines in one write arrive together, in order")
    func manyInOneWrite() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("m.jsonl")
        let tailer = try MetricsTailer<String>(mode: .inotify)
        try tailer.add(path, key: "m")
        append(path, (0..<500).map { "{\"step\": \($0)}\n" }.joined())
        #expect(readable(tailer.fileDescriptor))
        let lines = tailer.drain().flatMap(\.lines)
        #expect(lines.count == 500)
        #expect(lines.map(\.number) == Array(0..<500))
    }

    @Test("a file created after the watch is read from its start")
    func createdLater() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("late.jsonl")
        let tailer = try MetricsTailer<Int>(mode: .inotify)
        try tailer.add(path, key: 7)
        #expect(tailer.drain().isEmpty)
        append(path, "a\nb\n")
        #expect(readable(tailer.fileDescriptor))
        #expect(tailer.drain().flatMap(\.lines).map(\.text) == ["a", "b"])
    }

    @Test("what a file already holds when it is added is read by the first drain")
    func existingContent() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("old.log")
        append(path, "x=1\n")
        let tailer = try MetricsTailer<Int>()
        try tailer.add(path, key: 0)
        #expect(tailer.drain().flatMap(\.lines).map(\.text) == ["x=1"])
    }

    @Test("two files in one directory and one in another are told apart")
    func twoFiles() throws {
        let a = TemporaryDirectory(), b = TemporaryDirectory()
        let tailer = try MetricsTailer<String>(mode: .inotify)
        try tailer.add(a.file("metrics.jsonl"), key: "a-metrics")
        try tailer.add(a.file("stdout.log"), key: "a-stdout")
        try tailer.add(b.file("metrics.jsonl"), key: "b-metrics")
        append(a.file("stdout.log"), "out\n")
        append(b.file("metrics.jsonl"), "{}\n")
        append(a.file("stderr.log"), "not followed\n")
        #expect(readable(tailer.fileDescriptor))
        usleep(20_000)
        let byKey = Dictionary(uniqueKeysWithValues: tailer.drain().map { ($0.key, $0.lines.map(\.text)) })
        #expect(byKey == ["a-stdout": ["out"], "b-metrics": ["{}"]])
    }

    @Test("after lost events, rescan finds everything (the IN_Q_OVERFLOW path)")
    func rescan() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("m.jsonl")
        let tailer = try MetricsTailer<Int>(mode: .inotify)
        try tailer.add(path, key: 1)
        _ = tailer.drain()
        append(path, "one\ntwo\n")
        #expect(readable(tailer.fileDescriptor))
        // Throw the events away, as an overflowing queue would.
        var sink = [UInt8](repeating: 0, count: 4096)
        while read(tailer.fileDescriptor!, &sink, sink.count) > 0 {}
        #expect(tailer.drain().isEmpty)
        tailer.rescan()
        #expect(tailer.drain().flatMap(\.lines).map(\.text) == ["one", "two"])
    }

    @Test("a real event queue overflow triggers a rescan that finds a file whose events were dropped")
    func realOverflow() throws {
        let limitText = (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8)) ?? "16384"
        guard let limit = Int(limitText.trimmingCharacters(in: .whitespacesAndNewlines)), limit <= 100_000 else { return }
        let dir = TemporaryDirectory()
        let tailer = try MetricsTailer<Int>(mode: .inotify)
        try tailer.add(dir.file("a"), key: 0)
        try tailer.add(dir.file("b"), key: 1)
        try tailer.add(dir.file("c"), key: 2)
        #expect(tailer.drain().isEmpty)
        let fa = open(dir.file("a"), O_WRONLY | O_CREAT | O_APPEND, 0o644)
        let fb = open(dir.file("b"), O_WRONLY | O_CREAT | O_APPEND, 0o644)
        defer { close(fa); close(fb) }
        // Alternating files defeats the kernel's merging of identical consecutive events.
        let count = limit / 2 + 100
        for i in 0..<count {
            var line = Array("\(i)\n".utf8)
            _ = write(fa, &line, line.count)
            _ = write(fb, &line, line.count)
        }
        // The queue is full: this file's events are dropped, only a rescan finds its line.
        append(dir.file("c"), "after the overflow\n")
        let lines = Dictionary(grouping: tailer.drain(), by: \.key).mapValues { $0.flatMap(\.lines).count }
        #expect(tailer.overflowCount == 1)
        #expect(lines == [0: count, 1: count, 2: 1])
    }

    @Test("a trial writing 10,000 lines fast loses none")
    func tenThousandLines() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("metrics.jsonl")
        let tailer = try MetricsTailer<Int>(mode: .inotify)
        try tailer.add(path, key: 1)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        writer.arguments = ["python3", "-c", """
            import json, sys
            with open(sys.argv[1], "a") as f:
                for i in range(10000):
                    f.write(json.dumps({"step": i, "loss": 1.0 / (i + 1)}) + "\\n")
                    if i % 7 == 0: f.flush()
            """, path]
        try writer.run()
        var lines: [FileLine] = []
        while writer.isRunning {
            if readable(tailer.fileDescriptor, milliseconds: 50) { lines += tailer.drain().flatMap(\.lines) }
        }
        writer.waitUntilExit()
        lines += tailer.drain().flatMap(\.lines)
        #expect(writer.terminationStatus == 0)
        #expect(lines.count == 10_000)
        var parser = MetricsLineParser()
        let batch = parser.parse(lines)
        #expect(batch.warnings.isEmpty)
        #expect(batch.points.filter { $0.name == "loss" }.map(\.step) == Array(0..<10_000))
    }

    @Test("a truncated file is read again from its start")
    func truncation() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("m.log")
        let tailer = try MetricsTailer<Int>(mode: .inotify)
        try tailer.add(path, key: 1)
        append(path, "first\nsecond\npart")
        _ = tailer.drain()
        truncate(path, 0)
        append(path, "new\n")
        #expect(readable(tailer.fileDescriptor))
        let update = tailer.drain().first
        #expect(update?.restarted == true)
        #expect(update?.lines == [FileLine(number: 0, "new")])
    }

    @Test("a file replaced by a rename is finished, then followed anew")
    func replaced() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("m.log")
        let tailer = try MetricsTailer<Int>(mode: .inotify)
        try tailer.add(path, key: 1)
        append(path, "old\n")
        _ = tailer.drain()
        append(dir.file("m.tmp"), "replacement\n")
        rename(dir.file("m.tmp"), path)
        #expect(readable(tailer.fileDescriptor))
        let update = tailer.drain().first
        #expect(update?.restarted == true)
        #expect(update?.lines.map(\.text) == ["replacement"])
    }

    @Test("polling mode reads without inotify and asks to be called on an interval")
    func polling() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("m.jsonl")
        let tailer = try MetricsTailer<Int>(mode: .polling, pollInterval: 0.25)
        #expect(tailer.fileDescriptor == nil)
        #expect(tailer.pollingInterval == nil)
        try tailer.add(path, key: 1)
        #expect(tailer.pollingInterval == 0.25)
        append(path, "a\nb")
        #expect(tailer.drain().flatMap(\.lines).map(\.text) == ["a"])
        append(path, "\n")
        #expect(tailer.drain().flatMap(\.lines).map(\.text) == ["b"])
        #expect(tailer.drain().isEmpty)
    }

    @Test("a removed file is no longer reported and its directory watch is dropped")
    func remove() throws {
        let dir = TemporaryDirectory()
        let tailer = try MetricsTailer<Int>(mode: .inotify)
        try tailer.add(dir.file("a"), key: 1)
        try tailer.add(dir.file("b"), key: 2)
        tailer.remove(key: 1)
        #expect(tailer.directories.count == 1)
        append(dir.file("a"), "x\n")
        append(dir.file("b"), "y\n")
        #expect(readable(tailer.fileDescriptor))
        usleep(10_000)
        #expect(tailer.drain().map(\.key) == [2])
        tailer.remove(key: 2)
        #expect(tailer.directories.isEmpty)
        try tailer.add(dir.file("c"), key: 3)
        #expect(throws: TailerError.self) { try tailer.add(dir.file("d"), key: 3) }
    }

    @Test("a flood is read at most maximumBytesPerDrain at a time, with a backlog signalled")
    func backlog() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("flood")
        let tailer = try MetricsTailer<Int>(mode: .inotify, maximumBytesPerDrain: 1000)
        try tailer.add(path, key: 1)
        append(path, String(repeating: "123456789\n", count: 250))   // 2,500 bytes
        #expect(readable(tailer.fileDescriptor))
        var total = tailer.drain().flatMap(\.lines).count
        #expect(total == 100)
        #expect(tailer.hasBacklog && tailer.pollingInterval == 0)
        while tailer.hasBacklog { total += tailer.drain().flatMap(\.lines).count }
        #expect(total == 250)
    }

    @Test("the file system type comes from the longest containing mount point")
    func mountinfo() {
        let table = """
            22 1 253:0 / / rw,relatime - ext4 /dev/vda rw
            40 22 0:35 / /scratch rw - nfs4 server:/export rw,vers=4.2
            41 40 0:36 / /scratch/local rw - tmpfs tmpfs rw
            42 22 0:37 / /mnt/my\\040drive rw - fuse.sshfs host: rw
            """
        #expect(FileSystemKind.type(of: "/home/a/runs", mountinfo: table) == "ext4")
        #expect(FileSystemKind.type(of: "/scratch/runs/x", mountinfo: table) == "nfs4")
        #expect(FileSystemKind.type(of: "/scratch/local/x", mountinfo: table) == "tmpfs")
        #expect(FileSystemKind.type(of: "/scratchy", mountinfo: table) == "ext4")
        #expect(FileSystemKind.type(of: "/mnt/my drive/r", mountinfo: table) == "fuse.sshfs")
        #expect(!FileSystemKind.isNetwork("/tmp"))
    }
}
