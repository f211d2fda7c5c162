import Foundation
import GRDB
import Testing
@testable import Execution

@Suite("Run store: opening, errors, read-only")
struct StoreOpeningTests {
    @Test("opening a missing run says so")
    func missing() {
        let dir = TemporaryDirectory()
        #expect(throws: RunStoreError.runNotFound(path: dir.file("run.db"))) { try RunStore.open(at: dir.file("run.db")) }
        #expect(RunStoreError.runNotFound(path: "/r/run.db").description == "no run at /r/run.db (run.db does not exist)")
    }

    @Test("a new run's database appears whole: nothing named .partial is left")
    func creationLeavesNoPartialFile() throws {
        let dir = TemporaryDirectory()
        _ = try makeStore(dir)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names.contains("run.db"))
        #expect(!names.contains { $0.contains(".partial") })
        #expect(try RunStore.open(at: dir.file("run.db"), readOnly: true).runName == "brisk-heron-1")
    }

    /// What `kill -9` during `RunStore.create` leaves: the partial file, no run.db.
    @Test("a run whose creation was interrupted says so")
    func interruptedCreation() throws {
        let dir = TemporaryDirectory()
        let queue = try DatabaseQueue(path: dir.file("run.db.partial"))
        try queue.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        #expect(throws: RunStoreError.neverCreated(path: dir.file("run.db"))) { try RunStore.open(at: dir.file("run.db")) }
        #expect(RunStoreError.neverCreated(path: "/r/x/run.db").description
                == "hpo was stopped while creating the run in /r/x, before any trial ran; remove that directory and start the sweep again")
        // Creating the run again over the leftover works.
        _ = try makeStore(dir)
        #expect(try RunStore.open(at: dir.file("run.db")).runName == "brisk-heron-1")
    }

    @Test("creating over an existing run is refused")
    func exists() throws {
        let dir = TemporaryDirectory()
        _ = try makeStore(dir)
        #expect(throws: RunStoreError.runExists(path: dir.file("run.db"))) { try makeStore(dir) }
    }

    @Test("a file that is not SQLite is reported as damaged", arguments: [false, true])
    func corrupt(readOnly: Bool) throws {
        let dir = TemporaryDirectory()
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: dir.file("run.db")))
        do {
            _ = try RunStore.open(at: dir.file("run.db"), readOnly: readOnly)
            Issue.record("opened garbage")
        } catch {
            guard case .corrupt = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("damaged or not an SQLite database"))
        }
    }

    @Test("an SQLite file that is not a run is refused")
    func notARun() throws {
        let dir = TemporaryDirectory()
        let queue = try DatabaseQueue(path: dir.file("other.db"))
        try queue.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        try queue.close()
        #expect(throws: RunStoreError.notARun(path: dir.file("other.db"))) { try RunStore.open(at: dir.file("other.db")) }
    }

    @Test("a database from a newer hpo is refused with a clear message", arguments: [false, true])
    func newerSchema(readOnly: Bool) throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.write { db in try db.execute(sql: "PRAGMA user_version = 7") }
        try store.close()
        do {
            _ = try RunStore.open(at: dir.file("run.db"), readOnly: readOnly)
            Issue.record("opened a newer schema")
        } catch {
            #expect(error == .newerSchema(path: dir.file("run.db"), found: 7, supported: RunStore.schemaVersion))
            #expect(error.description.contains("written by a newer hpo (store schema version 7; this hpo knows up to \(RunStore.schemaVersion))"))
        }
    }

    @Test("a full disk is reported as such")
    func diskFull() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.createTrial(number: 0, configuration: ["lr": .real(0.1), "optimizer": .string("x")], at: at(0))
        // Cap the file at its current size: SQLite then answers SQLITE_FULL, as on a full disk.
        try store.pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count")!
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        let many = (0..<5000).map { MetricPoint(step: $0, name: "loss", value: Double($0)) }
        do {
            try store.appendMetrics(trial: 0, attempt: 1, points: many, at: at(1))
            Issue.record("wrote past the cap")
        } catch {
            #expect(error == .diskFull(path: dir.file("run.db")))
            #expect(error.description.hasPrefix("the disk holding"))
        }
        #expect(try store.metricPoints(trial: 0).isEmpty)   // the batch is all or nothing
    }

    @Test("a read-only store reads, refuses writes, and sees the writer's later commits")
    func readOnly() throws {
        let dir = TemporaryDirectory()
        let writer = try makeStore(dir)
        try writer.createTrial(number: 0, configuration: ["lr": .real(0.1), "optimizer": .string("x")], at: at(0))
        let reader = try RunStore.open(at: dir.file("run.db"), readOnly: true)
        #expect(reader.isReadOnly)
        #expect(try reader.trials().count == 1)
        #expect(throws: RunStoreError.readOnly(path: dir.file("run.db"))) {
            try reader.transition(trial: 0, to: .queued, at: at(1))
        }
        try writer.transition(trial: 0, to: .queued, at: at(1))
        #expect(try reader.trial(0)?.state == .queued)
    }

    @Test("a closed run (no -wal or -shm left) opens read-only")
    func readOnlyAfterClose() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.createTrial(number: 0, configuration: ["lr": .real(0.1), "optimizer": .string("x")], at: at(0))
        try store.close()
        #expect(!FileManager.default.fileExists(atPath: dir.file("run.db-wal")))
        let reader = try RunStore.open(at: dir.file("run.db"), readOnly: true)
        #expect(try reader.trials().count == 1)
    }

    @Test("a reader holding a read transaction never stalls the writer")
    func readerDoesNotBlockWriter() throws {
        let dir = TemporaryDirectory()
        let writer = try makeStore(dir)
        for n in 0..<200 {
            try writer.createTrial(number: n, configuration: ["lr": .real(0.1), "optimizer": .string("x")], at: at(0))
        }
        let reader = try RunStore.open(at: dir.file("run.db"), readOnly: true)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let seen = LockedValue<[Int]>([])
        let thread = Thread {
            try? reader.pool.read { db in
                let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM trial WHERE state = 'queued'")!
                holding.signal()
                release.wait()
                // Same snapshot: the writer's commits made meanwhile are not visible here.
                let after = try Int.fetchOne(db, sql: "SELECT count(*) FROM trial WHERE state = 'queued'")!
                seen.withLock { $0 = [before, after] }
            }
            done.signal()
        }
        thread.start()
        holding.wait()
        let start = Date()
        for n in 0..<200 { try writer.transition(trial: n, to: .queued, at: at(1)) }
        let elapsed = Date().timeIntervalSince(start)
        release.signal()
        done.wait()
        #expect(elapsed < 2.0, "200 writes took \(elapsed) s while a reader held a transaction")
        #expect(seen.withLock { $0 } == [0, 0])
        #expect(try reader.countsByState() == [.queued: 200])
    }
}
