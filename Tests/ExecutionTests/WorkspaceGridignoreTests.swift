import Foundation
import Testing
@testable import Execution

/// Grid.ai's `.gridignore`: which ignore files a snapshot reads, and the snapshot's line when
/// the command names a file it left out.
@Suite struct WorkspaceGridignoreTests {
    /// A workspace in `s/ws` with `files` (path: contents).
    static func workspace(_ s: Scratch, _ files: [String: String]) throws -> String {
        for (path, text) in files {
            try FileManager.default.createDirectory(atPath: s.file("ws/" + path).components(separatedBy: "/").dropLast()
                .joined(separator: "/"), withIntermediateDirectories: true)
            s.write("ws/" + path, text)
        }
        return s.file("ws")
    }

    static func paths(_ scan: WorkspaceScan) -> [String] {
        scan.entries.compactMap { if case .file(let path, _, _) = $0 { return path } else { return nil } }.sorted()
    }

    @Test func aGridignoreAtTheRootReplacesGitignoreAndDockerignoreAtEveryDepth() throws {
        let s = Scratch()
        defer { s.remove() }
        let root = try Self.workspace(s, [
            ".gridignore": "data/\n", "sub/.gridignore": "*.ckpt\n", ".gitignore": "*.bin\n", ".dockerignore": "*.py\n",
            "train.py": "", "weights.bin": "", "data/big.bin": "", "sub/model.ckpt": "", "sub/keep.txt": "",
        ])
        let scan = try WorkspaceScan(root: root)
        #expect(scan.ignoreFileNames == [".gridignore"])
        #expect(Self.paths(scan) == [".dockerignore", ".gitignore", ".gridignore", "sub/.gridignore", "sub/keep.txt",
                                     "train.py", "weights.bin"])
        #expect(scan.ignored == ["data", "sub/model.ckpt"])
    }

    @Test func anHpoignoreComesBeforeAGridignore() throws {
        let s = Scratch()
        defer { s.remove() }
        let root = try Self.workspace(s, [".hpoignore": "*.log\n", ".gridignore": "data/\n", "a.log": "", "data/x": ""])
        let scan = try WorkspaceScan(root: root)
        #expect(scan.ignoreFileNames == [".hpoignore"])
        #expect(scan.ignored == ["a.log"])
        #expect(IgnoreRules.fileNames { $0 == ".gridignore" } == [".gridignore"])
        #expect(IgnoreRules.fileNames { [".gridignore", ".hpoignore"].contains($0) } == [".hpoignore"])
    }

    /// `--data data/big.bin` with `data/` ignored: the snapshot's line names it and says how
    /// to reach it; an argument naming a file that was copied is not mentioned.
    @Test func theSnapshotLineNamesAnIgnoredFileTheCommandUsesAndHowToReachIt() throws {
        let h = SweepHarness()
        defer { h.remove() }
        _ = try Self.workspace(h.scratch, [".gitignore": "data/\n*.tmp\n", "train.py": "", "data/big.bin": "x",
                                           "conf/a.yaml": "", "conf/b.tmp": ""])
        var notices: [String] = []
        _ = try h.run(["true", "train.py", "--data", "data/big.bin", "--conf={c}"],
                      space: [Parameter("c", .categorical([.string("conf/a.yaml"), .string("conf/b.tmp")]))],
                      configure: { options in
                          options.workingDirectory = h.scratch.file("ws")
                          options.snapshot = SnapshotRequest(source: h.scratch.file("ws"))
                      }, observer: { event in
                          if case .notice(let text) = event { notices.append(text) }
                      })
        let line = try #require(notices.first { $0.hasPrefix("workspace snapshot: 3 files") })
        let ws = WorkspaceScan.realPath(h.scratch.file("ws"))!
        #expect(line.contains("(2 ignored by .gitignore/.dockerignore)"), "\(line)")
        #expect(line.hasSuffix("; warning: the command names data/big.bin (in data, ignored), conf/b.tmp (ignored), left out "
                               + "of the snapshot, so the trials will not find them: give --datastore NAME=\(ws)/data "
                               + "and read $HPO_DATA_NAME, name \(ws)/conf/b.tmp by its absolute path, or run in place with "
                               + "--no-snapshot"),
                "\(line)")
        #expect(!line.contains("conf/a.yaml") && !line.contains("train.py"))
    }
}
