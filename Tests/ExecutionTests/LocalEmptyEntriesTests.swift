import Foundation
import Testing
@testable import Execution

/// What an attempt is given and leaves unused (`LaunchRequest.removedWhenEmpty`) is gone once
/// none of its processes is left; what it wrote stays.
@Suite("Local backend: what an attempt leaves empty")
struct LocalEmptyEntriesTests {
    static func entries(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    @Test("empty logs and directories are removed; a log with output and a directory with a file stay")
    func unusedEntriesAreRemoved() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        for directory in ["unused", "used"] {
            try FileManager.default.createDirectory(atPath: scratch.file(directory), withIntermediateDirectories: false)
        }
        var request = scratch.request(["/bin/sh", "-c", "echo hi; echo kept > used/model.pt"])
        request.removedWhenEmpty = ["out.log", "err.log", "unused", "used"].map(scratch.file)
        let backend = LocalBackend()
        let handle = try backend.launch(request)
        #expect(backend.waitForExit(handle) == .exited(0))
        #expect(backend.waitForLeftovers())
        #expect(Self.entries(scratch.path) == ["out.log", "used"])
        #expect(scratch.read("out.log") == "hi\n")
        #expect(Self.entries(scratch.file("used")) == ["model.pt"])
    }

    @Test("links are left as they are, even to an empty file or directory")
    func linksAreLeftAlone() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.file("scratch-dir"), withIntermediateDirectories: false)
        scratch.write("empty", "")
        try FileManager.default.createSymbolicLink(atPath: scratch.file("artifacts"), withDestinationPath: scratch.file("scratch-dir"))
        try FileManager.default.createSymbolicLink(atPath: scratch.file("err.log"), withDestinationPath: scratch.file("empty"))
        var request = scratch.request(["/bin/true"])
        request.removedWhenEmpty = ["err.log", "artifacts"].map(scratch.file)
        let backend = LocalBackend()
        let handle = try backend.launch(request)
        #expect(backend.waitForExit(handle) == .exited(0))
        #expect(backend.waitForLeftovers())
        #expect(Self.entries(scratch.path) == ["artifacts", "empty", "err.log", "out.log", "scratch-dir"].sorted())
        #expect(Self.entries(scratch.file("scratch-dir")) == [])
    }

    @Test("nothing is removed while the attempt runs")
    func nothingIsRemovedBeforeTheEnd() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.file("unused"), withIntermediateDirectories: false)
        var request = scratch.request(["/bin/sh", "-c", "while [ ! -e go ]; do sleep 0.05; done"])
        request.removedWhenEmpty = ["err.log", "unused"].map(scratch.file)
        let backend = LocalBackend()
        let handle = try backend.launch(request)
        _ = backend.collectExits()
        #expect(FileManager.default.fileExists(atPath: scratch.file("err.log")))
        #expect(FileManager.default.fileExists(atPath: scratch.file("unused")))
        scratch.write("go", "")
        #expect(backend.waitForExit(handle) == .exited(0))
        #expect(backend.waitForLeftovers())
        #expect(!FileManager.default.fileExists(atPath: scratch.file("err.log")))
        #expect(!FileManager.default.fileExists(atPath: scratch.file("unused")))
    }
}
