import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A directory of a run could not be made.
public struct RunLayoutError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The directory.
    public let path: String
    /// `strerror` of the failure.
    public let reason: String

    public var description: String { "cannot create directory \(path): \(reason)" }
}

extension RunLayout {
    /// Makes `<root>/<run>/`, `trials/` and `storage/` (and the root itself when missing).
    public func createDirectories() throws {
        try RunLayout.makeDirectory(root, parents: true)
        try RunLayout.makeDirectory(directory)
        try RunLayout.makeDirectory(trialsDirectory)
        try RunLayout.makeDirectory(storage)
    }

    /// Makes a new run's directories like `createDirectories`, but `<root>/<run>/` itself
    /// only when nothing of that name is there (`mkdir` without accepting an existing one),
    /// so that `removeUnfinishedRun` can never take away a directory this process did not make.
    /// - Throws: `SweepError.runExists` when the name holds a run, `SweepError.notARun` when it
    ///   holds something else; `RunLayoutError` when a directory cannot be made (then nothing
    ///   of the run is left).
    public func createNewRun() throws {
        try RunLayout.makeDirectory(root, parents: true)
        if mkdir(directory, 0o755) != 0 {
            let code = errno
            if code == EEXIST { throw existingEntryError() }
            throw RunLayoutError(path: directory, reason: String(cString: strerror(code)))
        }
        do {
            try RunLayout.makeDirectory(trialsDirectory)
            try RunLayout.makeDirectory(storage)
        } catch {
            removeUnfinishedRun()
            throw error
        }
    }

    /// Why `<root>/<run>` cannot be a new run: a run of that name, or a directory without a
    /// run.db (a run whose making was cut off by a kill, or not a run at all).
    public func existingEntryError() -> SweepError {
        FileManager.default.fileExists(atPath: database) ? .runExists(name: name, root: root)
            : .notARun(path: directory)
    }

    /// Why there is no run to open at this name: nothing there, or a directory without a
    /// run.db (said the same way as `existingEntryError`, so that hpo search and hpo resume
    /// agree on what the directory is).
    public func missingRunError() -> SweepError {
        FileManager.default.fileExists(atPath: directory) ? .notARun(path: directory) : .runNotFound(name: name, root: root)
    }

    /// Takes away the run a failed `Sweep.start` was making — a run is made whole or not at
    /// all, so a name never holds half a run that `hpo search` and `hpo resume` disagree on.
    /// Removes below the root without following a link or crossing a mount (`ConfinedTree`).
    public func removeUnfinishedRun() {
        try? ConfinedTree(base: root).remove(name)
    }

    /// Makes `trials/<n>/` with `artifacts/` and `checkpoints/`; existing ones are kept
    /// (a retry reuses its checkpoints).
    @discardableResult
    public func createTrialDirectories(_ number: Int) throws -> TrialLayout {
        let trial = trial(number)
        try RunLayout.makeDirectory(trial.directory)
        try RunLayout.makeDirectory(trial.artifacts)
        try RunLayout.makeDirectory(trial.checkpoints)
        return trial
    }

    /// `mkdir`, accepting an existing directory; with `parents`, like `mkdir -p`.
    static func makeDirectory(_ path: String, parents: Bool = false) throws {
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        if code == EEXIST {
            var info = stat()
            if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { return }
            throw RunLayoutError(path: path, reason: "a file of that name exists")
        }
        if code == ENOENT && parents {
            let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            if !parent.isEmpty && parent != path {
                try makeDirectory(parent, parents: true)
                return try makeDirectory(path)
            }
        }
        throw RunLayoutError(path: path, reason: String(cString: strerror(code)))
    }
}
