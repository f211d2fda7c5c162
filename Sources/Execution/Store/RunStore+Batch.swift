import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The writes of one turn of the controller's loop in one transaction.
///
/// A commit is the store's main cost per trial (the WAL frames of every page it touched): a
/// turn that records a trial's metrics, its end and the start of the next one commits once
/// instead of four times. The caller decides where a commit must come first — before an
/// effect outside the store that depends on the records (a process spawned after its
/// `starting` record, a results.csv row after its trial's end) — with `commitBatch()`.
extension RunStore {
    /// The writer connection held by `batch(_:)`, with the thread that holds it: only that
    /// thread's calls join the batch; another thread's wait for the writer as usual.
    struct OpenBatch {
        let thread: pthread_t
        let db: Database
        /// Why the batch's transaction is gone (SQLite rolls a whole transaction back on
        /// some errors: a full disk, I/O): its earlier writes are lost, so every later write
        /// and the commit fail with it until the batch ends.
        var lost: (any Error)?
    }

    /// Runs `body` with the writer held: every write of this store made by `body`'s thread
    /// joins one transaction (`BEGIN IMMEDIATE` at the first write, none when nothing is
    /// written), committed when `body` returns or earlier by `commitBatch()`. Reads on that
    /// thread go through the writer and see the batch's writes. Each write is a savepoint:
    /// one that fails is undone alone and throws, as outside a batch.
    ///
    /// Nested calls join the outer batch.
    /// - Throws: when the final commit fails (the batch's writes since the last commit are
    ///   then lost, and the caller must not act on them).
    public func batch<T>(_ body: () -> T) throws(RunStoreError) -> T {
        if isReadOnly { throw RunStoreError.readOnly(path: path) }
        if currentBatch() != nil { return body() }
        return try RunStoreError.wrapping(path: path) {
            try pool.writeWithoutTransaction { db in
                openBatch.withLock { $0 = OpenBatch(thread: pthread_self(), db: db) }
                defer { openBatch.withLock { $0 = nil } }
                let result = body()
                try commitOpenBatch()
                return result
            }
        }
    }

    /// Commits the current batch's writes so far (nothing when there are none, or outside a
    /// batch). The batch stays open: later writes start a new transaction.
    /// - Throws: when the commit fails; those writes are lost.
    public func commitBatch() throws(RunStoreError) {
        try RunStoreError.wrapping(path: path) { try commitOpenBatch() }
    }

    /// True while a batch is open on the calling thread.
    public var isBatching: Bool { currentBatch() != nil }

    /// The batch open on the calling thread, if any.
    func currentBatch() -> OpenBatch? {
        openBatch.withLock { batch in
            guard let open = batch, pthread_equal(open.thread, pthread_self()) != 0 else { return nil }
            return open
        }
    }

    /// The writer connection: the batch's on its thread, else the pool's (no transaction).
    func withWriter<T>(_ body: (Database) throws -> T) throws -> T {
        if let batch = currentBatch() { return try body(batch.db) }
        return try pool.writeWithoutTransaction(body)
    }

    /// One write inside the batch: a savepoint in the batch's transaction (begun if needed).
    func joining<T>(_ batch: OpenBatch, _ body: (Database) throws -> T) throws -> T {
        if let lost = batch.lost { throw lost }
        let db = batch.db
        if !db.isInsideTransaction { try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute() }
        try db.cachedStatement(sql: "SAVEPOINT hpo_write").execute()
        do {
            let result = try body(db)
            try db.cachedStatement(sql: "RELEASE hpo_write").execute()
            return result
        } catch {
            if db.isInsideTransaction {
                try? db.execute(sql: "ROLLBACK TO hpo_write")
                try? db.execute(sql: "RELEASE hpo_write")
            } else {
                openBatch.withLock { $0?.lost = error }
            }
            throw error
        }
    }

    private func commitOpenBatch() throws {
        guard let batch = currentBatch() else { return }
        if let lost = batch.lost {
            openBatch.withLock { $0?.lost = nil }
            throw lost
        }
        let db = batch.db
        guard db.isInsideTransaction else { return }
        do {
            try db.cachedStatement(sql: "COMMIT").execute()
        } catch {
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
            throw error
        }
    }
}
