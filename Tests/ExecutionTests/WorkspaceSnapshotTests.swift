import Foundation
import Testing
@testable import Execution

/// What a snapshot copies, keeps as a link, or skips.
@Suite struct WorkspaceSnapshotTests {
    /// A workspace in `scratch/ws` and the snapshot's destination `scratch/copy`.
    struct Fixture {
        let scratch = Scratch()
        var workspace: String { scratch.file("ws") }
        var copy: String { scratch.file("copy") }

        init() throws {
            try FileManager.default.createDirectory(atPath: scratch.file("ws/src"), withIntermediateDirectories: true)
            scratch.write("ws/src/train.py", "print('hi')\n", executable: true)
            scratch.write("ws/data.txt", "v1\n")
        }

        func link(_ path: String, to target: String) { symlink(target, workspace + "/" + path) }

        func snapshot() throws -> (WorkspaceScan, WorkspaceSnapshot) {
            let scan = try WorkspaceScan(root: workspace)
            return (scan, try WorkspaceSnapshot.copy(scan, into: copy))
        }

        func linkTarget(_ path: String) -> String? {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: copy + "/" + path))
        }
    }

    @Test func filesAndTheExecutableBitAreCopied() throws {
        let f = try Fixture()
        defer { f.scratch.remove() }
        let (_, snapshot) = try f.snapshot()
        #expect(f.scratch.read("copy/data.txt") == "v1\n")
        #expect(access(f.copy + "/src/train.py", X_OK) == 0)
        #expect(access(f.copy + "/data.txt", X_OK) != 0)
        #expect(snapshot.files == 2 && snapshot.bytes == 15)
    }

    @Test func aLinkInsideTheTreeStaysALinkIntoTheCopy() throws {
        let f = try Fixture()
        defer { f.scratch.remove() }
        f.link("relative", to: "src/train.py")
        f.link("src/absolute", to: f.workspace + "/data.txt")  // rewritten, or it would reach the live tree
        f.link("src/up", to: "..")                            // a link to a parent: kept, never followed
        let (scan, snapshot) = try f.snapshot()
        #expect(f.linkTarget("relative") == "src/train.py")
        #expect(f.linkTarget("src/absolute") == "../data.txt")
        #expect(f.linkTarget("src/up") == "..")
        #expect(f.scratch.read("copy/src/absolute") == "v1\n")
        #expect(snapshot.links == 3 && scan.skipped.isEmpty)
    }

    @Test func linksLeavingTheTreeLoopsAndDanglingLinksAreSkippedWithAReason() throws {
        let f = try Fixture()
        defer { f.scratch.remove() }
        f.scratch.write("outside.txt", "secret")
        f.link("out", to: f.scratch.file("outside.txt"))
        f.link("loop-a", to: "loop-b")
        f.link("loop-b", to: "loop-a")
        f.link("dangling", to: "nothing-here")
        let (scan, _) = try f.snapshot()
        let reasons = Dictionary(uniqueKeysWithValues: scan.skipped.map { ($0.path, $0.reason) })
        #expect(reasons["out"]?.contains("leaves the workspace") == true)
        #expect(reasons["loop-a"]?.contains("loop") == true)
        #expect(reasons["loop-b"]?.contains("loop") == true)
        #expect(reasons["dangling"]?.contains("to nothing") == true)
        #expect(f.linkTarget("out") == nil)
    }

    @Test func aFIFOIsSkippedNotOpened() throws {
        let f = try Fixture()
        defer { f.scratch.remove() }
        #expect(mkfifo(f.workspace + "/pipe", 0o644) == 0)
        let (scan, _) = try f.snapshot()  // opening the FIFO would block forever
        #expect(scan.skipped.map(\.path) == ["pipe"])
        #expect(!FileManager.default.fileExists(atPath: f.copy + "/pipe"))
    }

    @Test func gitIsLeftOutAndExcludedPathsToo() throws {
        let f = try Fixture()
        defer { f.scratch.remove() }
        try FileManager.default.createDirectory(atPath: f.workspace + "/.git/objects", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: f.workspace + "/runs/old", withIntermediateDirectories: true)
        let scan = try WorkspaceScan(root: f.workspace, excluding: [f.workspace + "/runs"])
        #expect(Set(scan.entries.map(\.path)) == ["data.txt", "src", "src/train.py"])
    }

    @Test func theHashFollowsTheContent() throws {
        let a = try Fixture(), b = try Fixture()
        defer { a.scratch.remove(); b.scratch.remove() }
        let (_, first) = try a.snapshot()
        let (_, same) = try b.snapshot()
        #expect(first.contentHash == same.contentHash)
        #expect(first.contentHash.count == 64)
        b.scratch.write("ws/data.txt", "v2\n")
        let edited = try WorkspaceSnapshot.copy(try WorkspaceScan(root: b.workspace), into: b.scratch.file("copy2"))
        #expect(edited.contentHash != first.contentHash)
    }

    @Test func aTrialStartsAtTheSamePlaceInsideTheCopy() throws {
        let f = try Fixture()
        defer { f.scratch.remove() }
        let (_, snapshot) = try f.snapshot()
        let copy = snapshot.directory
        #expect(snapshot.trialDirectory(for: f.workspace) == copy)
        #expect(snapshot.trialDirectory(for: f.workspace + "/src") == copy + "/src")
        #expect(snapshot.trialDirectory(for: "/") == copy)
    }

    @Test func gitStateNamesTheCommitAndWhetherTrackedFilesChanged() throws {
        let f = try Fixture()
        defer { f.scratch.remove() }
        #expect(GitState.read(directory: f.workspace) == nil)
        let git = WorkspaceIgnoreAgainstGitTests.git
        try git(["init", "-q"], f.workspace)
        try git(["-c", "user.name=t", "-c", "user.email=t@t", "add", "."], f.workspace)
        try git(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one"], f.workspace)
        let clean = try #require(GitState.read(directory: f.workspace))
        #expect(clean.commit.count == 40 && !clean.dirty)
        f.scratch.write("ws/data.txt", "v2\n")
        #expect(GitState.read(directory: f.workspace)?.dirty == true)
    }
}
