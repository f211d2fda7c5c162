import Foundation
import Testing
@testable import Execution

/// gitignore(5) semantics, pattern by pattern.
@Suite struct WorkspaceIgnorePatternTests {
    static let cases: [(pattern: String, path: String, directory: Bool, matches: Bool)] = [
        ("*.log", "app.log", false, true),
        ("*.log", "deep/down/app.log", false, true),    // no slash: any depth
        ("*.log", "app.log.txt", false, false),
        ("/build", "build", true, true),
        ("/build", "src/build", true, false),           // leading slash anchors
        ("build/", "build", true, true),
        ("build/", "build", false, false),              // directory only
        ("build/", "src/build", true, true),
        ("src/gen", "src/gen", true, true),             // a middle slash anchors too
        ("src/gen", "lib/src/gen", true, false),
        ("**/secret", "secret", false, true),
        ("**/secret", "a/b/secret", false, true),
        ("docs/**/*.tmp", "docs/a.tmp", false, true),   // /**/ is zero or more directories
        ("docs/**/*.tmp", "docs/x/y/b.tmp", false, true),
        ("docs/**/*.tmp", "other/docs/a.tmp", false, false),
        ("abc/**", "abc/x", false, true),
        ("abc/**", "abc/x/y", false, true),
        ("abc/**", "abc", true, false),
        ("*.c", "dir/x.c", false, true),
        ("dir/*.c", "dir/sub/x.c", false, false),       // * never crosses a slash
        ("file[0-9].dat", "file7.dat", false, true),
        ("file[0-9].dat", "fileA.dat", false, false),
        ("file[!0-9].dat", "fileA.dat", false, true),
        ("q?.cfg", "q1.cfg", false, true),
        ("q?.cfg", "q12.cfg", false, false),
        ("\\#hash", "#hash", false, true),
        ("\\!bang", "!bang", false, true),
        ("trail\\ ", "trail ", false, true),
        ("spaces   ", "spaces", false, true),           // unescaped trailing spaces dropped
        ("a**b", "axyb", false, true),                  // a ** inside a name is a plain *
    ]

    @Test(arguments: cases.indices)
    func patternMatchesAsGitDoes(_ index: Int) throws {
        let c = Self.cases[index]
        let pattern = try #require(IgnorePattern(line: c.pattern))
        #expect(pattern.matches(c.path, isDirectory: c.directory) == c.matches,
                "\(c.pattern) against \(c.path)\(c.directory ? "/" : "")")
    }

    @Test func blankLinesAndCommentsAreNoPatterns() {
        #expect(IgnorePattern(line: "") == nil)
        #expect(IgnorePattern(line: "   ") == nil)
        #expect(IgnorePattern(line: "# a comment") == nil)
    }

    @Test func theLastMatchingLineDecidesAndDeeperFilesComeLast() {
        var rules = IgnoreRules(fileNames: [".gitignore"])
        rules.add(contents: "*.log\n!keep.log\n", base: "")
        rules.add(contents: "keep.log\n", base: "sub")
        #expect(rules.isIgnored("a.log", isDirectory: false))
        #expect(!rules.isIgnored("keep.log", isDirectory: false))
        #expect(rules.isIgnored("sub/keep.log", isDirectory: false))
        #expect(!rules.isIgnored("other/keep.log", isDirectory: false))
    }

    @Test func anHpoignoreReplacesTheOtherFiles() {
        #expect(IgnoreRules.fileNames { $0 == ".hpoignore" } == [".hpoignore"])
        #expect(IgnoreRules.fileNames { _ in false } == [".gitignore", ".dockerignore"])
    }
}

/// The snapshot leaves out exactly the files git itself ignores, for the same trees.
@Suite struct WorkspaceIgnoreAgainstGitTests {
    struct Tree: Sendable, CustomStringConvertible {
        var name: String
        var ignoreFiles: [String: String]
        var files: [String]
        var description: String { name }
    }

    static let trees: [Tree] = [
        Tree(name: "negation and anchoring", ignoreFiles: [
            ".gitignore": "*.log\n!keep.log\n/build\ncache/\n",
        ], files: ["app.log", "keep.log", "sub/x.log", "sub/keep.log", "build/out.o", "src/build/ok.c",
                   "cache/c.bin", "src/cache/d.bin", "src2/cache", "main.py"]),
        Tree(name: "nested files override their parents", ignoreFiles: [
            ".gitignore": "*.txt\n",
            "sub/.gitignore": "!important.txt\n/local\n*.tmp\n",
            "sub/deeper/.gitignore": "!*.tmp\n",
        ], files: ["top.txt", "sub/notes.txt", "sub/important.txt", "sub/deeper/n.txt", "sub/local/f.py",
                   "sub/deeper/local/f.py", "sub/a.tmp", "sub/deeper/b.tmp", "other/c.tmp"]),
        Tree(name: "double stars, classes and escapes", ignoreFiles: [
            ".gitignore": "docs/**/*.tmp\n**/secret\nabc/**\nfile[0-9].dat\nq?.cfg\n\\#hash\ntrail\\ \n",
        ], files: ["docs/a.tmp", "docs/x/y/b.tmp", "other/c.tmp", "secret", "deep/x/secret", "abc/in.py",
                   "abc/d/e.py", "file1.dat", "fileA.dat", "q1.cfg", "q12.cfg", "#hash", "trail ", "keep.py"]),
        Tree(name: "an excluded directory cannot be included again", ignoreFiles: [
            ".gitignore": "/out/\n!/out/keep.bin\nlogs/*\n!logs/important.log\n",
        ], files: ["out/keep.bin", "out/other.bin", "logs/a.log", "logs/important.log", "src/out/ok.bin"]),
    ]

    @Test(arguments: trees)
    func snapshotLeavesOutWhatGitIgnores(_ tree: Tree) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        for (path, text) in tree.ignoreFiles { try Self.write(text, to: scratch.file(path)) }
        for path in tree.files { try Self.write("x", to: scratch.file(path)) }
        try Self.git(["init", "-q"], in: scratch.path)
        let ignoredByGit = Set(try Self.git(["ls-files", "--others", "--ignored", "--exclude-standard"], in: scratch.path)
            .split(separator: "\n").map(String.init))

        let scan = try WorkspaceScan(root: scratch.path)
        let copied = Set(scan.entries.compactMap { entry -> String? in
            if case .file(let path, _, _) = entry { return path } else { return nil }
        })
        let ignoredByUs = Set(tree.files).subtracting(copied)
        #expect(ignoredByUs == ignoredByGit.intersection(tree.files))
        #expect(!ignoredByGit.isEmpty)
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    @discardableResult
    static func git(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// SHA-256 against the FIPS 180-4 example vectors.
@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func chunksOfAnySizeGiveTheSameDigest() {
        let message = Array((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        var whole = SHA256()
        whole.update(message)
        for size in [1, 7, 63, 64, 65, 333] {
            var chunked = SHA256()
            for start in stride(from: 0, to: message.count, by: size) {
                chunked.update(Array(message[start..<min(start + size, message.count)]))
            }
            #expect(chunked.finalize() == whole.finalize(), "chunks of \(size)")
        }
    }

    @Test func aMillionAs() {
        var digest = SHA256()
        digest.update([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(digest.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
