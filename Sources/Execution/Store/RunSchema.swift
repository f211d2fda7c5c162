import GRDB

/// The store's schema, versioned. Each migration sets `PRAGMA user_version` to its number,
/// so `sqlite3 run.db 'PRAGMA user_version'` shows which hpo wrote a run; a file with a
/// version above `current` comes from a newer hpo and is refused.
///
/// Times are REAL seconds since 1970 (UTC). A metric value of NULL stands for NaN (SQLite
/// stores NaN as NULL); ±infinity are stored as they are. Seeds are stored as the Int64
/// with the same bits as the UInt64.
///
/// The transition table has no index on `trial` on purpose: the controller writes a row
/// per transition and reads them never; the index cost ~15% of a transition's time, while
/// a view reading one trial's history scans the table (50,000 rows: a few milliseconds).
enum RunSchema {
    /// The schema version this hpo writes.
    static let current = 6

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    name TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    config_yaml TEXT NOT NULL,
                    seed INTEGER NOT NULL,
                    strategy TEXT NOT NULL,
                    goal TEXT NOT NULL,
                    metric TEXT NOT NULL,
                    parameter_names TEXT NOT NULL,
                    state TEXT NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE TABLE trial (
                    number INTEGER PRIMARY KEY,
                    parameters TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempt INTEGER NOT NULL DEFAULT 1,
                    slots TEXT,
                    pid INTEGER,
                    pgid INTEGER,
                    process_start INTEGER,
                    created_at REAL NOT NULL,
                    started_at REAL,
                    finished_at REAL,
                    exit_code INTEGER,
                    exit_signal INTEGER,
                    objective REAL,
                    steps INTEGER,
                    explanation TEXT
                );
                CREATE TABLE transition (
                    id INTEGER PRIMARY KEY,
                    trial INTEGER NOT NULL REFERENCES trial(number),
                    attempt INTEGER NOT NULL,
                    from_state TEXT,
                    to_state TEXT NOT NULL,
                    at REAL NOT NULL,
                    note TEXT
                );
                CREATE TABLE metric (
                    id INTEGER PRIMARY KEY,
                    trial INTEGER NOT NULL,
                    attempt INTEGER NOT NULL,
                    step INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    value REAL,
                    at REAL NOT NULL
                );
                CREATE INDEX metric_by_trial ON metric(trial, attempt);
                CREATE TABLE request (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    trial INTEGER,
                    at REAL NOT NULL,
                    note TEXT,
                    handled_at REAL
                );
                PRAGMA user_version = 1;
                """)
        }
        // v2: the workspace snapshot a run's trials ran in (at most one row).
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE workspace (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    source TEXT NOT NULL,
                    directory TEXT NOT NULL,
                    files INTEGER NOT NULL,
                    bytes INTEGER NOT NULL,
                    links INTEGER NOT NULL,
                    ignored INTEGER NOT NULL,
                    skipped INTEGER NOT NULL,
                    content_hash TEXT NOT NULL,
                    git_commit TEXT,
                    git_dirty INTEGER
                );
                PRAGMA user_version = 2;
                """)
        }
        // v3: batch jobs. A trial's job id is stored the moment it is submitted, with the
        // size its metrics file had then (where this attempt's lines begin), so that a resumed
        // controller reattaches to the job and reads exactly its lines.
        migrator.registerMigration("v3") { db in
            try db.execute(sql: """
                ALTER TABLE trial ADD COLUMN job_id TEXT;
                ALTER TABLE trial ADD COLUMN metrics_offset INTEGER;
                PRAGMA user_version = 3;
                """)
        }
        // v4 "tags": a run's tags (`--tag`, `hpo tag`) and its note, which change nothing of the sweep.
        migrator.registerMigration("v4-tags") { db in
            try db.execute(sql: """
                CREATE TABLE run_tag (tag TEXT PRIMARY KEY) WITHOUT ROWID;
                ALTER TABLE run ADD COLUMN note TEXT;
                PRAGMA user_version = 4;
                """)
        }
        registerRunsBuildingOnEachOther(in: &migrator)
        return migrator
    }
}
