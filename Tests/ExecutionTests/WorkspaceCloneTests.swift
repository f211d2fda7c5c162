import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

/// A trial's copy of the snapshot (`WorkspaceClone`, `TrialWorkspace`) on real file systems.
@Suite struct WorkspaceCloneTests {
    /// A snapshot-like tree: nested directories, an empty one, an executable, a relative link.
    static func tree(in s: Scratch) throws -> String {
        let root = s.file("snapshot")
        try FileManager.default.createDirectory(atPath: root + "/pkg/sub", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        s.write("snapshot/train.py", "print('hi')\n")
        s.write("snapshot/pkg/sub/weights.bin", String(repeating: "w", count: 3 << 20))
        s.write("snapshot/run.sh", "#!/bin/sh\n")
        chmod(root + "/run.sh", 0o755)
        symlink("pkg/sub/weights.bin", root + "/weights")
        return root
    }

    /// Paths with kind, mode and content (or link target), for comparing two trees.
    static func listing(_ root: String) -> [String] {
        let paths = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
        return paths.map { path in
            var info = stat()
            lstat(root + "/" + path, &info)
            let mode = String(info.st_mode & 0o777, radix: 8)
            switch info.st_mode & S_IFMT {
            case S_IFLNK: return "L \(path) -> \((try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + path)) ?? "?")"
            case S_IFDIR: return "D \(path) \(mode)"
            default:
                let data = FileManager.default.contents(atPath: root + "/" + path) ?? Data()
                return "F \(path) \(mode) \(data.count) \(data.hashValue)"
            }
        }
    }

    @Test func aCloneHoldsTheSameTreeAndIsAFileOfItsOwn() throws {
        let s = Scratch()
        defer { s.remove() }
        let root = try Self.tree(in: s)
        let clone = try WorkspaceClone.make(from: root, at: s.file("work"))
        #expect(Self.listing(s.file("work")) == Self.listing(root))
        #expect(clone.files == 3 && clone.bytes == Int64(3 << 20) + 12 + 10)
        // Written through the copy, the snapshot's file stays as it was.
        let handle = try #require(FileHandle(forWritingAtPath: s.file("work/weights")))
        handle.write(Data("changed".utf8))
        try handle.close()
        #expect(s.read("snapshot/pkg/sub/weights.bin").hasPrefix("wwwwwww"))
        #expect(s.read("work/pkg/sub/weights.bin").hasPrefix("changed"))
    }

    /// A copy that exists is kept (an earlier attempt's); one left half made is made again.
    @Test func anExistingCopyIsKeptAndAPartialOneRedone() throws {
        let s = Scratch()
        defer { s.remove() }
        let root = try Self.tree(in: s)
        let trial = TrialLayout(directory: s.file("trials/0"))
        try FileManager.default.createDirectory(atPath: trial.work + ".partial/pkg", withIntermediateDirectories: true)
        s.write("trials/0/work.partial/pkg/half", "x")
        let workspace = TrialWorkspace(snapshot: root, start: "pkg")
        #expect(try workspace.prepare(trial)?.files == 3)
        #expect(Self.listing(trial.work) == Self.listing(root))
        #expect(!FileManager.default.fileExists(atPath: trial.work + ".partial"))
        #expect(workspace.workingDirectory(of: trial) == trial.work + "/pkg")
        s.write("trials/0/work/checkpoint.pt", "epoch 3")
        #expect(try workspace.prepare(trial) == nil)
        #expect(s.read("trials/0/work/checkpoint.pt") == "epoch 3")
    }

    /// On a file system with reflinks (a btrfs image mounted for the test), the copy shares the
    /// snapshot's blocks — no data written — and is still a file of its own.
    @Test(.enabled(if: ReflinkVolume.available, "needs root, mkfs.btrfs and a loop device"))
    func onBtrfsTheCopyIsAReflinkThatWritesNoData() throws {
        let volume = try #require(ReflinkVolume())
        defer { volume.remove() }
        let s = Scratch(at: volume.path)
        let root = try Self.tree(in: s)
        #expect(WorkspaceClone.reflinksWork(in: volume.path))
        let clone = try WorkspaceClone.make(from: root, at: s.file("work"))
        #expect(clone.clonedFiles == 3 && clone.copiedBytes == 0)
        #expect(Self.listing(s.file("work")) == Self.listing(root))
        let handle = try #require(FileHandle(forWritingAtPath: s.file("work/pkg/sub/weights.bin")))
        handle.write(Data("changed".utf8))
        try handle.close()
        #expect(s.read("snapshot/pkg/sub/weights.bin").hasPrefix("wwwwwww"))
    }

    @Test func withoutReflinksEveryByteIsCopied() throws {
        let s = Scratch()
        defer { s.remove() }
        guard !WorkspaceClone.reflinksWork(in: s.path) else { return }  // /tmp on btrfs or XFS: the test above
        let root = try Self.tree(in: s)
        let clone = try WorkspaceClone.make(from: root, at: s.file("work"))
        #expect(clone.clonedFiles == 0 && clone.copiedBytes == clone.bytes)
    }
}

/// A 256 MiB btrfs image mounted on a loop device, where reflinks work.
struct ReflinkVolume {
    let image: String
    let path: String

    static let available: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/mkfs.btrfs")
                || FileManager.default.isExecutableFile(atPath: "/sbin/mkfs.btrfs") else { return false }
        guard let volume = ReflinkVolume() else { return false }
        volume.remove()
        return true
    }()

    init?() {
        let base = "/tmp/hpo-reflink-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        image = base + ".img"
        path = base
        guard FileManager.default.createFile(atPath: image, contents: nil), truncate(image, 256 << 20) == 0,
              (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil,
              ReflinkVolume.run("mkfs.btrfs", ["-q", image]), ReflinkVolume.run("mount", ["-o", "loop", image, path]) else {
            try? FileManager.default.removeItem(atPath: image)
            try? FileManager.default.removeItem(atPath: path)
            return nil
        }
    }

    func remove() {
        _ = ReflinkVolume.run("umount", [path])
        try? FileManager.default.removeItem(atPath: image)
        try? FileManager.default.removeItem(atPath: path)
    }

    static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

extension Scratch {
    /// A scratch directory inside `directory` (another file system).
    init(at directory: String) {
        path = directory + "/scratch"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
