import GRDB

extension RunSchema {
    /// v5: runs that build on each other (`hpo enqueue`, `--warm-start`).
    ///
    /// - `enqueued`: configurations asked for by hand, run before the strategy's suggestions,
    ///   oldest first; `trial` is the trial that ran one (NULL while it waits).
    /// - `prior`: the finished trials of other runs this run learns from (`--warm-start`),
    ///   copied in when the run is made, so that a resumed run hears exactly the same priors
    ///   whatever became of the other runs since. `constraint_values` is a JSON array aligned
    ///   with the run's constraints (null for NaN).
    /// - `warm_start`: per run warm-started from, how many of its finished trials were read,
    ///   how many became priors, and why the others were dropped (for `hpo status`).
    ///
    /// v6 adds `prior.further_values`, the priors' later objectives (runs with several).
    static func registerRunsBuildingOnEachOther(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-continuation") { db in
            try db.execute(sql: """
                CREATE TABLE enqueued (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    parameters TEXT NOT NULL,
                    source TEXT NOT NULL,
                    at REAL NOT NULL,
                    trial INTEGER
                );
                CREATE TABLE prior (
                    id INTEGER PRIMARY KEY,
                    source_run TEXT NOT NULL,
                    source_trial INTEGER NOT NULL,
                    parameters TEXT NOT NULL,
                    objective REAL,
                    constraint_values TEXT NOT NULL
                );
                CREATE TABLE warm_start (
                    id INTEGER PRIMARY KEY,
                    source_run TEXT NOT NULL,
                    finished INTEGER NOT NULL,
                    taken INTEGER NOT NULL,
                    dropped TEXT NOT NULL
                );
                PRAGMA user_version = 5;
                """)
        }
        // v6: a prior's later objectives' values (JSON array aligned with the run's further
        // metrics; NULL in a prior stored before: NaN, as a trial that never reported them).
        migrator.registerMigration("v6-prior-objectives") { db in
            try db.execute(sql: """
                ALTER TABLE prior ADD COLUMN further_values TEXT;
                PRAGMA user_version = 6;
                """)
        }
    }
}
