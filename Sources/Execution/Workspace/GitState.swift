import Foundation

/// The git commit a workspace is at, and whether its tracked files differ from it — what
/// `git describe --dirty` calls dirty (untracked files do not count).
public struct GitState: Hashable, Sendable, Codable {
    /// The full commit id of `HEAD`.
    public var commit: String
    /// True when tracked files have changes, staged or not.
    public var dirty: Bool

    /// A state as given.
    public init(commit: String, dirty: Bool) {
        self.commit = commit
        self.dirty = dirty
    }

    /// The state of the repository holding `directory`; nil when it is not in one, has no
    /// commit yet, or git is not installed.
    public static func read(directory: String) -> GitState? {
        guard let head = git(["rev-parse", "--verify", "HEAD"], in: directory), head.status == 0 else { return nil }
        let commit = head.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !commit.isEmpty,
              let status = git(["status", "--porcelain", "--untracked-files=no"], in: directory), status.status == 0
        else { return nil }
        return GitState(commit: commit, dirty: !status.output.isEmpty)
    }

    private static func git(_ arguments: [String], in directory: String) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"  // a read must not take the index lock
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
