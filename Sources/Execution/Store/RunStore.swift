import Foundation
import GRDB

/// The run store: one SQLite database per run (`<root>/<run>/run.db`), the source of truth
/// from which results.csv and every view are derived.
///
/// - WAL mode with `synchronous=NORMAL`: a commit is one append to the WAL, no fsync, so
///   a transition costs microseconds; a killed process loses nothing committed (only a
///   power cut can lose the last commits, never corrupt the file).
/// - Readers (`hpo status`, a dashboard) open it read-only; in WAL mode a reader holding
///   a read transaction never blocks the writer, and the writer never blocks readers.
/// - Every write that changes a trial's state also writes the transition row, in one
///   transaction, after checking the move against `TrialState`'s rules.
/// - Time is always given by the caller (`at:`), never read from a clock here.
///
/// Thread-safe (`DatabasePool` serializes writes), though the controller uses it from one thread.
public final class RunStore: Sendable {
    /// The database file.
    public let path: String
    /// True when opened read-only.
    public let isReadOnly: Bool
    /// The run's parameter names in declared order (fixed at creation).
    public let parameterNames: [String]
    /// The run's name (fixed at creation).
    public let runName: String
    /// The run's goal (fixed at creation).
    public let goal: Goal
    /// The run's outcome constraints (from its stored sweep; fixed at creation, as resume
    /// refuses to change them): a succeeded trial that violates one is infeasible.
    public let constraints: [OutcomeConstraint]
    /// The run's objectives, the first (`goal`, the run's metric) first; more than one for a
    /// run with several (`RunStore+Objectives.swift`).
    public let objectives: [Objective]

    let pool: DatabasePool
    let requestCursor = LockedValue<RequestCursor>(RequestCursor())
    /// The writer held by `batch(_:)`, and by which thread (see `RunStore+Batch.swift`).
    let openBatch = LockedValue<OpenBatch?>(nil)

    /// The schema version this hpo writes.
    public static var schemaVersion: Int { RunSchema.current }

    private init(path: String, pool: DatabasePool, readOnly: Bool, run: RunInfo) {
        self.path = path
        self.pool = pool
        self.isReadOnly = readOnly
        self.parameterNames = run.parameterNames
        self.runName = run.name
        self.goal = run.goal
        self.constraints = RunStore.constraints(ofSweep: run.configurationYAML)
        self.objectives = RunStore.objectives(ofSweep: run.configurationYAML, metric: run.metric, goal: run.goal)
    }

    /// Creates the database of a new run at `path` (its directory must exist).
    ///
    /// All or nothing, even under `kill -9`: the schema and the run's row are written to
    /// `run.db.partial`, which is closed and renamed into place. A run.db therefore always
    /// holds a whole run; a leftover `.partial` means hpo was stopped while creating it.
    public static func create(at path: String, run: RunInfo) throws(RunStoreError) -> RunStore {
        if FileManager.default.fileExists(atPath: path) { throw RunStoreError.runExists(path: path) }
        let partial = path + partialSuffix
        for leftover in [partial, partial + "-wal", partial + "-shm"] { try? FileManager.default.removeItem(atPath: leftover) }
        try RunStoreError.wrapping(path: path) {
            let pool = try DatabasePool(path: partial, configuration: configuration(readOnly: false))
            try RunSchema.migrator.migrate(pool)
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO run (id, name, created_at, config_yaml, seed, strategy, goal, metric,
                                     parameter_names, state, updated_at)
                    VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run.name, run.createdAt.timeIntervalSince1970, run.configurationYAML,
                                     Int64(bitPattern: run.seed), run.strategy, run.goal.rawValue, run.metric,
                                     namesJSON(run.parameterNames), run.state.rawValue,
                                     run.updatedAt.timeIntervalSince1970])
            }
            // Closing the last connection checkpoints the WAL into the file and removes it.
            try pool.close()
        }
        guard rename(partial, path) == 0 else {
            throw RunStoreError.database(path: path, detail: "renaming \(partial): \(String(cString: strerror(errno)))")
        }
        try? FileManager.default.removeItem(atPath: partial + "-shm")
        return try RunStoreError.wrapping(path: path) {
            let pool = try DatabasePool(path: path, configuration: configuration(readOnly: false))
            return RunStore(path: path, pool: pool, readOnly: false, run: run)
        }
    }

    /// The suffix of a database being created (see `create(at:run:)`).
    static let partialSuffix = ".partial"

    /// Creates the database of a new run in `layout`'s directory.
    public static func create(layout: RunLayout, run: RunInfo) throws(RunStoreError) -> RunStore {
        try create(at: layout.database, run: run)
    }

    /// Opens an existing run's database. Read-write opening upgrades an older schema;
    /// read-only opening (for `hpo status`, dashboards) never writes and never blocks the writer.
    public static func open(at path: String, readOnly: Bool = false) throws(RunStoreError) -> RunStore {
        guard FileManager.default.fileExists(atPath: path) else {
            if FileManager.default.fileExists(atPath: path + partialSuffix) { throw RunStoreError.neverCreated(path: path) }
            throw RunStoreError.runNotFound(path: path)
        }
        return try RunStoreError.wrapping(path: path) {
            let pool = try DatabasePool(path: path, configuration: configuration(readOnly: readOnly))
            let version = try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
            if version > RunSchema.current {
                throw RunStoreError.newerSchema(path: path, found: version, supported: RunSchema.current)
            }
            let hasRun = try pool.read { db in try db.tableExists("run") }
            if version == 0 && !hasRun { throw RunStoreError.notARun(path: path) }
            if version < RunSchema.current {
                if readOnly { throw RunStoreError.olderSchema(path: path, found: version, supported: RunSchema.current) }
                try RunSchema.migrator.migrate(pool)
            }
            let run = try pool.read { db in try fetchRun(db, path: path) }
            return RunStore(path: path, pool: pool, readOnly: readOnly, run: run)
        }
    }

    /// Opens the database of the run in `layout`.
    public static func open(layout: RunLayout, readOnly: Bool = false) throws(RunStoreError) -> RunStore {
        try open(at: layout.database, readOnly: readOnly)
    }

    /// The schema version of the open file (`PRAGMA user_version`).
    public func storedSchemaVersion() throws(RunStoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    /// Closes the database (also done when the store is released).
    public func close() throws(RunStoreError) {
        try RunStoreError.wrapping(path: path) { try pool.close() }
    }

    static func configuration(readOnly: Bool) -> GRDB.Configuration {
        var config = GRDB.Configuration()
        config.readonly = readOnly
        // A short wait when `hpo cancel` writes a request at the same moment as the controller.
        config.busyMode = .timeout(5)
        config.label = "hpo.run"
        config.prepareDatabase { db in
            // In WAL mode NORMAL syncs only at checkpoints: safe against crashes, fast commits.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        return config
    }

    /// A write transaction, its errors typed.
    ///
    /// `BEGIN IMMEDIATE … COMMIT` through cached statements rather than GRDB's `write`:
    /// measured in release, a transition costs about 20% less this way (GRDB's `write`
    /// alone spends ~12 µs of CPU on an empty transaction). IMMEDIATE takes the write lock
    /// at once, so a concurrent `hpo cancel` waits for the busy timeout instead of failing
    /// halfway through.
    ///
    /// Inside `batch(_:)` on its thread, the write joins the batch's transaction instead, as
    /// a savepoint: a write that fails undoes only itself.
    func write<T>(_ body: (Database) throws -> T) throws(RunStoreError) -> T {
        if isReadOnly { throw RunStoreError.readOnly(path: path) }
        if let batch = currentBatch() { return try RunStoreError.wrapping(path: path) { try joining(batch, body) } }
        return try RunStoreError.wrapping(path: path) {
            try pool.writeWithoutTransaction { db in
                try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
                do {
                    let result = try body(db)
                    try db.cachedStatement(sql: "COMMIT").execute()
                    return result
                } catch {
                    if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                    throw error
                }
            }
        }
    }

    /// A read transaction (snapshot), its errors typed. Inside `batch(_:)` on its thread, it
    /// reads through the writer, so that it sees the batch's writes not yet committed.
    func read<T>(_ body: (Database) throws -> T) throws(RunStoreError) -> T {
        if let batch = currentBatch() { return try RunStoreError.wrapping(path: path) { try body(batch.db) } }
        return try RunStoreError.wrapping(path: path) { try pool.read(body) }
    }

    static func namesJSON(_ names: [String]) -> String {
        JSONOutput.array(names.map(JSONOutput.string)).compactText
    }
}

extension RunStoreError {
    /// Runs `body`, turning whatever it throws into a `RunStoreError`.
    static func wrapping<T>(path: String, _ body: () throws -> T) throws(RunStoreError) -> T {
        do {
            return try body()
        } catch {
            throw wrap(error, path: path)
        }
    }
}

/// A value behind a lock: the store's only mutable state (the request cursor).
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
