import Foundation
import GRDB

/// What went wrong with a run's store, worded for the person at the terminal.
public enum RunStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No run database at this path.
    case runNotFound(path: String)
    /// hpo was stopped (`kill -9`, a crash) while creating this run: nothing of it ran.
    case neverCreated(path: String)
    /// `create` found a database already there.
    case runExists(path: String)
    /// The file is not an SQLite database, or is damaged.
    case corrupt(path: String, detail: String)
    /// The file is an SQLite database but not an hpo run.
    case notARun(path: String)
    /// Written by a newer hpo, whose schema this one does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// An older schema opened read-only: it needs one read-write open to be upgraded.
    case olderSchema(path: String, found: Int, supported: Int)
    /// The disk (or the file system quota) is full.
    case diskFull(path: String)
    /// A write through a store opened read-only, or to a file this user cannot write.
    case readOnly(path: String)
    /// Another process held the database longer than the busy timeout.
    case busy(path: String)
    /// No trial with this number.
    case trialNotFound(Int)
    /// A trial with this number exists already.
    case trialExists(Int)
    /// The trial state machine forbids this move.
    case invalidTransition(trial: Int, from: TrialState, to: TrialState)
    /// `recordFinish` was given a state that is not final.
    case notFinal(trial: Int, state: TrialState)
    /// A stored value could not be read back.
    case badValue(path: String, detail: String)
    /// Any other SQLite failure.
    case database(path: String, detail: String)

    public var description: String {
        switch self {
        case .runNotFound(let path):
            return "no run at \(path) (run.db does not exist)"
        case .neverCreated(let path):
            let directory = (path as NSString).deletingLastPathComponent
            return "hpo was stopped while creating the run in \(directory), before any trial ran; remove that "
                + "directory and start the sweep again"
        case .runExists(let path):
            return "a run already exists at \(path); choose another name"
        case .corrupt(let path, let detail):
            return "\(path) is damaged or not an SQLite database (\(detail)); it cannot be read as a run"
        case .notARun(let path):
            return "\(path) is an SQLite database but not an hpo run"
        case .newerSchema(let path, let found, let supported):
            return "\(path) was written by a newer hpo (store schema version \(found); this hpo knows up to \(supported)); upgrade hpo to open it"
        case .olderSchema(let path, let found, let supported):
            return "\(path) has store schema version \(found) (current: \(supported)); open it read-write once (hpo resume) to upgrade it"
        case .diskFull(let path):
            return "the disk holding \(path) is full: free some space, then `hpo resume` continues the run"
        case .readOnly(let path):
            return "cannot write \(path): it is opened read-only or this user may not write it"
        case .busy(let path):
            return "\(path) is locked by another process for too long; try again"
        case .trialNotFound(let number):
            return "no trial \(number) in this run"
        case .trialExists(let number):
            return "trial \(number) already exists in this run"
        case .invalidTransition(let trial, let from, let to):
            return "trial \(trial) cannot go from \(from) to \(to)"
        case .notFinal(let trial, let state):
            return "trial \(trial) cannot finish as \(state): it is not a final state"
        case .badValue(let path, let detail):
            return "\(path) holds a value this hpo cannot read: \(detail)"
        case .database(let path, let detail):
            return "\(path): \(detail)"
        }
    }

    /// Maps a GRDB or other error onto a typed one.
    static func wrap(_ error: any Error, path: String) -> RunStoreError {
        if let error = error as? RunStoreError { return error }
        guard let error = error as? DatabaseError else { return .database(path: path, detail: "\(error)") }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path, detail: detail)
        case .SQLITE_READONLY, .SQLITE_PERM: return .readOnly(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_CANTOPEN: return .runNotFound(path: path)
        default: return .database(path: path, detail: detail)
        }
    }
}
