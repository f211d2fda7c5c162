import Execution
import Foundation
import Search
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Making a run is all or nothing, and a run that cannot go on is refused before anything of
/// it changes; the machine's failures exit 1, the person's input 2.
@Suite(.serialized) struct HPORunCreationTests {
    static let reporting = ["/bin/sh", "-c", "echo \"{\\\"objective\\\": $2}\" >> \"$HPO_METRICS_FILE\"", "sh"]

    /// Runs `tool arguments…`, returning its exit status.
    static func system(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// True where this test may mount a small file system (root with CAP_SYS_ADMIN).
    static let canMount: Bool = {
        let probe = RunFixture()
        guard getuid() == 0, system("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "none", probe.directory]) == 0 else {
            return false
        }
        return system("/bin/umount", ["-l", probe.directory]) == 0
    }()

    /// `<fixture>/small`, a tmpfs of `size` bytes; unmount it with `unmount`.
    static func smallFileSystem(in fixture: RunFixture, size: String) throws -> String {
        let small = fixture.directory + "/small"
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        try #require(system("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "none", small]) == 0)
        return small
    }

    static func unmount(_ path: String) { _ = system("/bin/umount", ["-l", path]) }

    @Test(.enabled(if: canMount, "needs root and mount(2) for a small tmpfs"))
    func aFullDiskLeavesNoHalfMadeRunAndExitsOne() throws {
        let fixture = RunFixture()
        let small = try Self.smallFileSystem(in: fixture, size: "48k")
        defer { Self.unmount(small) }

        let r = try HPOProcess.run(["search", "--root", small, "--name", "c", "--no-snapshot", "--"] + Self.reporting
                                   + ["--x", "[1, 2]"], in: fixture.directory)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("nothing of the run was kept"), "\(r.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: small)) == [])
        let resume = try HPOProcess.run(["resume", "c", "--root", small], in: fixture.directory)
        #expect(resume.status == 2 && resume.stderr.contains("no run named 'c'"), "\(resume.stderr)")
    }

    @Test(.enabled(if: canMount, "needs root and mount(2) for a small tmpfs"))
    func aSnapshotThatDoesNotFitLeavesNothingAndExitsOne() throws {
        let fixture = RunFixture()
        let small = try Self.smallFileSystem(in: fixture, size: "256k")
        defer { Self.unmount(small) }
        let workspace = fixture.directory + "/code"
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        try Data(count: 1 << 20).write(to: URL(fileURLWithPath: workspace + "/weights.bin"))

        let r = try HPOProcess.run(["search", "--root", small, "--name", "c", "--workspace", workspace, "--"]
                                   + Self.reporting + ["--x", "[1, 2]"], in: fixture.directory)
        #expect(r.status == 1, "\(r.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: small)) == [])
    }

    @Test func aDirectoryWithoutAStoreIsNamedTheSameBySearchAndResume() throws {
        let fixture = RunFixture()
        try FileManager.default.createDirectory(atPath: fixture.root + "/c/trials", withIntermediateDirectories: true)
        let search = try HPOProcess.run(["search", "--name", "c", "--no-snapshot", "--"] + Self.reporting + ["--x", "[1]"],
                                        in: fixture.directory)
        let resume = try HPOProcess.run(["resume", "c"], in: fixture.directory)
        let said = "error: \(fixture.root)/c exists but holds no run (no run.db): a run whose making was cut off, or another "
            + "directory; remove it (or choose another --name for a new run)\n"
        #expect(search.status == 2 && search.stderr == said, "\(search.stderr)")
        #expect(resume.status == 2 && resume.stderr == said, "\(resume.stderr)")
        #expect(FileManager.default.fileExists(atPath: fixture.root + "/c/trials"), "a directory hpo did not make stays")
    }

    /// Run `c` with trial 0 cut off while running (its process gone) and trials left to run.
    static func interruptedRun(in fixture: RunFixture, snapshot: String?) throws -> RunLayout {
        var spec = try RunFixture.spec(["/bin/true", "--x", "[1, 2, 3]"])
        spec.name = "c"
        let (layout, store) = try fixture.makeRun("c", spec: spec)
        try store.launch(0, Configuration(["x": .int(1)]), start: RunFixture.at(0))
        if let snapshot {
            try store.recordWorkspace(WorkspaceSnapshot(source: fixture.directory, directory: snapshot, files: 1, bytes: 1,
                                                        links: 0, ignored: 0, skipped: 0, contentHash: "0", git: nil))
        } else {
            try RunSettings(options: ExecutionOptions(workingDirectory: fixture.directory + "/gone"),
                            slots: try SlotLedger(parallel: 1)).save(layout)
        }
        try store.close()
        return layout
    }

    @Test(arguments: [true, false])
    func resumeRefusesARunWhoseWorkspaceIsGoneBeforeTouchingATrial(snapshot: Bool) throws {
        let fixture = RunFixture()
        let layout = try Self.interruptedRun(in: fixture, snapshot: snapshot ? fixture.root + "/c/workspace" : nil)
        let r = try HPOProcess.run(["resume", "c"], in: fixture.directory)
        #expect(r.status == 1)
        let what = snapshot ? "its workspace snapshot \(layout.workspace) (a copy of \(fixture.directory))"
            : "\(fixture.directory)/gone (--no-snapshot)"
        #expect(r.stderr.hasPrefix("error: run c runs its trials in \(what), which is gone: every trial would fail, "
                                   + "so nothing was resumed and no trial was touched."), "\(r.stderr)")
        #expect(r.stderr.contains("hpo search --config \(layout.sweepFile) --name c-2"))
        let store = try RunStore.open(layout: layout, readOnly: true)
        let trials = try store.trials()
        #expect(trials.map(\.state) == [.running], "trial 0 is as it was: \(trials.map(\.state))")
        #expect(trials.first?.attempt == 1)
    }
}
