import Foundation

extension ResultsFile {
    /// Makes `path` agree with the store — one row per trial in a final state, by number —
    /// rewriting it atomically only when it differs (a torn last row, a row missing after a
    /// crash between a final transition and its row, a row of a trial that is no longer
    /// final). Returns true when it rewrote the file.
    ///
    /// Call it before opening the file for appending: the rename replaces the file, and a
    /// descriptor opened before would go on appending to the old one.
    @discardableResult
    public static func repair(at path: String, from store: RunStore) throws(ResultsFileError) -> Bool {
        let trials: [TrialRecord]
        do {
            trials = try store.trials()
        } catch {
            throw ResultsFileError(path: path, operation: "read the store for", code: 0, detail: error.description)
        }
        let expected = text(table: ResultsTable(parameterNames: store.parameterNames), trials: trials)
        if let current = FileManager.default.contents(atPath: path), current == Data(expected.utf8) { return false }
        try replace(path, with: expected)
        return true
    }
}
