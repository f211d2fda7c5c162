import Foundation

extension ResultsFile {
    /// Makes `path` agree with the store — the header, then one row per trial in a final
    /// state — rewriting it atomically (by trial number) only when it does not: a torn last
    /// row, a row missing after a crash between a final transition and its row, a row of a
    /// trial that is no longer final, a stale value. Rows in another order (a live run
    /// appends them as trials finish) agree. Returns true when it rewrote the file.
    ///
    /// Call it before opening the file for appending: the rename replaces the file, and a
    /// descriptor opened before would go on appending to the old one.
    @discardableResult
    public static func repair(at path: String, from store: RunStore) throws(ResultsFileError) -> Bool {
        let (trials, infeasible, marks) = try read(store, for: path)
        let table = ResultsTable(for: store)
        if let current = FileManager.default.contents(atPath: path),
           agrees(Array(current), table: table, trials: trials, infeasible: infeasible, marks: marks) {
            return false
        }
        try replace(path, with: text(table: table, trials: trials, infeasible: infeasible, marks: marks))
        return true
    }

    /// True when `file` is the header followed by exactly the rows of the final `trials`,
    /// each once, in any order. Rows are told apart by their first field, the trial number
    /// (never quoted), so one pass over the file suffices.
    static func agrees(_ file: [UInt8], table: ResultsTable, trials: [TrialRecord], infeasible: Set<Int> = [],
                       marks: ResultsMarks = ResultsMarks()) -> Bool {
        var expected: [Int: [UInt8]] = [:]
        for trial in trials where trial.state.isFinal {
            expected[trial.number] = Array(table.row(trial, infeasible: infeasible.contains(trial.number), marks: marks).utf8)
        }
        let header = Array(table.header.utf8)
        guard file.starts(with: header) else { return false }
        var i = header.count
        while i < file.count {
            var j = i
            while j < file.count, file[j] >= UInt8(ascii: "0"), file[j] <= UInt8(ascii: "9") { j += 1 }
            guard j > i, let number = Int(String(decoding: file[i..<j], as: UTF8.self)),
                  let row = expected.removeValue(forKey: number), i + row.count <= file.count,
                  file[i..<(i + row.count)].elementsEqual(row) else { return false }
            i += row.count
        }
        return expected.isEmpty
    }
}
