import Foundation
import GRDB

extension RunStore {
    /// The run's tags (sorted) and note.
    public func tags() throws(RunStoreError) -> RunTags {
        try read { db in
            let tags = try String.fetchAll(db, sql: "SELECT tag FROM run_tag ORDER BY tag")
            let note = try String?.fetchOne(db, sql: "SELECT note FROM run WHERE id = 1") ?? nil
            return RunTags(tags: tags, note: note)
        }
    }

    /// Adds `add` and removes `remove` (a tag in both is added), and sets the note when
    /// `note` is given ("" removes it), in one transaction. Tags and note must be valid
    /// (`RunTags.validate`); adding a tag the run has, or removing one it has not, is no error.
    public func updateTags(add: [String] = [], remove: [String] = [], note: String? = nil) throws(RunStoreError) {
        try write { db in
            let delete = try db.cachedStatement(sql: "DELETE FROM run_tag WHERE tag = ?")
            for tag in remove { try delete.execute(arguments: [tag]) }
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO run_tag (tag) VALUES (?)")
            for tag in add { try insert.execute(arguments: [tag]) }
            if let note {
                try db.execute(sql: "UPDATE run SET note = ? WHERE id = 1", arguments: [note.isEmpty ? nil : note])
            }
        }
    }
}
