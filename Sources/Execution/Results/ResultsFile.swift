#if canImport(Glibc)
import Glibc
#endif

/// results.csv: one row per trial that reached a final state, derived from the store.
///
/// Appends go through an `O_APPEND` descriptor, one `write(2)` a row: rows never interleave,
/// even from several writers, and a row is never split across writes, so a reader never sees
/// a row completed later by another write. (A reader racing the one `write(2)` of a row
/// longer than what is left of a page may, for that instant, see its start only: the kernel
/// copies page by page. Readers following the file should keep a last line without its CRLF
/// until it is complete, as `LineSplitter` does.) `rebuild` rewrites the whole file from the store
/// (temporary file + rename, atomic), which is how `hpo resume` makes the file agree with
/// the store after a crash between a final transition and its row.
public final class ResultsFile: Sendable {
    /// The file.
    public let path: String
    /// The columns.
    public let table: ResultsTable
    private let fd: Int32
    /// Where a constrained table reads a trial's feasibility from.
    private let store: RunStore?

    /// Opens `path` for appending, writing the header when the file is new or empty. A
    /// constrained `table` reads each appended trial's feasibility from `store`.
    public init(path: String, table: ResultsTable, store: RunStore? = nil) throws(ResultsFileError) {
        self.path = path
        self.table = table
        self.store = store
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ResultsFileError(path: path, operation: "open", code: errno) }
        var info = stat()
        if fstat(fd, &info) == 0 && info.st_size == 0 {
            try ResultsFile.writeAll(fd, table.header, path: path)
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Appends the row of a finished trial in one `write(2)`.
    public func append(_ trial: TrialRecord) throws(ResultsFileError) {
        var infeasible = false
        if table.constrained, trial.state == .succeeded, let store {
            do {
                let values = try store.constraintValues(trials: [trial.number])[trial.number] ?? []
                infeasible = !OutcomeConstraint.allSatisfied(store.constraints, by: values)
            } catch {
                throw ResultsFileError(path: path, operation: "read the store for", code: 0, detail: error.description)
            }
        }
        var marks = ResultsMarks()
        if !table.objectives.isEmpty || !table.bestOf.isEmpty || !table.metrics.isEmpty, let store {
            do {
                marks = try store.resultsMarks(ofFinished: trial.number)
            } catch {
                throw ResultsFileError(path: path, operation: "read the store for", code: 0, detail: error.description)
            }
        }
        try ResultsFile.writeAll(fd, table.row(trial, infeasible: infeasible, marks: marks), path: path)
    }

    /// Rewrites `path` atomically with the header and the rows of `trials` in a final
    /// state, by trial number.
    public static func rebuild(at path: String, table: ResultsTable, trials: [TrialRecord],
                               infeasible: Set<Int> = [], marks: ResultsMarks = ResultsMarks()) throws(ResultsFileError) {
        try replace(path, with: text(table: table, trials: trials, infeasible: infeasible, marks: marks))
    }

    /// The whole file's text: the header and the rows of `trials` in a final state, by number.
    static func text(table: ResultsTable, trials: [TrialRecord], infeasible: Set<Int> = [],
                     marks: ResultsMarks = ResultsMarks()) -> String {
        var text = table.header
        for trial in trials.sorted(by: { $0.number < $1.number }) where trial.state.isFinal {
            text += table.row(trial, infeasible: infeasible.contains(trial.number), marks: marks)
        }
        return text
    }

    /// Writes `text` to a temporary file, syncs it and renames it over `path`.
    static func replace(_ path: String, with text: String) throws(ResultsFileError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ResultsFileError(path: temporary, operation: "create", code: errno) }
        do throws(ResultsFileError) {
            try writeAll(fd, text, path: temporary)
            guard fsync(fd) == 0 else { throw ResultsFileError(path: temporary, operation: "sync", code: errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw ResultsFileError(path: path, operation: "replace", code: code)
        }
    }

    /// Rewrites `path` from the store: every trial in a final state.
    public static func rebuild(at path: String, from store: RunStore) throws(ResultsFileError) {
        let (trials, infeasible, marks) = try read(store, for: path)
        try rebuild(at: path, table: ResultsTable(for: store), trials: trials, infeasible: infeasible, marks: marks)
    }

    /// The store's trials, its infeasible ones and its Pareto marks, for rewriting `path`.
    static func read(_ store: RunStore, for path: String) throws(ResultsFileError) -> ([TrialRecord], Set<Int>, ResultsMarks) {
        do {
            return (try store.trials(), try store.infeasibleTrials(), try store.resultsMarks())
        } catch {
            throw ResultsFileError(path: path, operation: "read the store for", code: 0, detail: error.description)
        }
    }

    /// Writes all of `text`; a regular file takes it in one `write(2)` (the loop only
    /// continues after a signal interrupted it or the disk filled mid-row).
    static func writeAll(_ fd: Int32, _ text: String, path: String) throws(ResultsFileError) {
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ResultsFileError(path: path, operation: "write", code: errno)
            }
            written += n
        }
        bytes.removeAll()
    }
}

/// results.csv could not be written.
public struct ResultsFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// What was being done.
    public let operation: String
    /// `errno`, or 0.
    public let code: Int32
    /// Other detail.
    public let detail: String?

    init(path: String, operation: String, code: Int32, detail: String? = nil) {
        self.path = path
        self.operation = operation
        self.code = code
        self.detail = detail
    }

    public var description: String {
        if code == ENOSPC || code == EDQUOT {
            return "cannot \(operation) \(path): the disk is full; free some space, then `hpo resume` rewrites it from the store"
        }
        let reason = detail ?? String(cString: strerror(code))
        return "cannot \(operation) \(path): \(reason)"
    }
}
