import Foundation
import GRDB

extension RunStore {
    /// Records the workspace snapshot the run's trials run in.
    public func recordWorkspace(_ snapshot: WorkspaceSnapshot) throws(RunStoreError) {
        try write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO workspace (id, source, directory, files, bytes, links, ignored, skipped,
                                                  content_hash, git_commit, git_dirty)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [snapshot.source, snapshot.directory, snapshot.files, snapshot.bytes, snapshot.links,
                                 snapshot.ignored, snapshot.skipped, snapshot.contentHash, snapshot.git?.commit,
                                 snapshot.git.map { $0.dirty ? 1 : 0 }])
        }
    }

    /// The run's workspace snapshot; nil for a run that ran in place (`--no-snapshot`).
    public func workspace() throws(RunStoreError) -> WorkspaceSnapshot? {
        try read { db in
            // A run of an hpo before schema v2, opened read-only (not migrated), has no table.
            guard try db.tableExists("workspace"),
                  let row = try Row.fetchOne(db, sql: "SELECT * FROM workspace WHERE id = 1") else { return nil }
            let commit: String? = row["git_commit"]
            let dirty: Int? = row["git_dirty"]
            return WorkspaceSnapshot(
                source: row["source"], directory: row["directory"], files: row["files"], bytes: row["bytes"],
                links: row["links"], ignored: row["ignored"], skipped: row["skipped"], contentHash: row["content_hash"],
                git: commit.map { GitState(commit: $0, dirty: (dirty ?? 0) != 0) })
        }
    }
}
