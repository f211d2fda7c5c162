import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

/// `RetentionPlan` deletes below a trial's directory and nowhere else, on a real file system:
/// links are removed as links, mount points (tmpfs, bind mounts) are left whole.
@Suite("Retention stays inside the run", .serialized)
struct RetentionConfinementTests {
    /// A run with trials 0 (best, kept) and 1 (cleaned), each with its directories.
    final class Run {
        let temporary = TemporaryDirectory("hpo-retention")
        let layout: RunLayout
        let store: RunStore

        init() throws {
            layout = try RunLayout(root: temporary.path, name: "r")
            try layout.createDirectories()
            store = try RunStore.create(layout: layout, run: sampleRun(name: "r"))
            for number in 0...1 {
                try store.createTrial(number: number, configuration: .init([:]), at: at(0))
                try finish(store, number, objective: Double(number))
                try layout.createTrialDirectories(number)
            }
        }

        func plan() throws -> RetentionPlan {
            RetentionPlan(trials: try store.trials(), goal: .minimize, layout: layout, keepBest: 1, logs: false)
        }

        var cleaned: TrialLayout { layout.trial(1) }
    }

    /// A directory outside the run holding files that must survive.
    static func outside(_ temporary: TemporaryDirectory) throws -> String {
        let path = temporary.file("outside")
        try FileManager.default.createDirectory(atPath: path + "/deep", withIntermediateDirectories: true)
        try "precious".write(toFile: path + "/f", atomically: false, encoding: .utf8)
        try "precious".write(toFile: path + "/deep/g", atomically: false, encoding: .utf8)
        return path
    }

    static func intact(_ outside: String) -> Bool {
        ["f", "deep/g"].allSatisfy { (try? String(contentsOfFile: outside + "/" + $0, encoding: .utf8)) == "precious" }
    }

    /// Runs `mount arguments…` (or `tool`), returning its exit status.
    static func run(_ arguments: [String], tool: String = "/bin/mount") -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// True where this test may mount file systems (root with CAP_SYS_ADMIN).
    static let canMount: Bool = {
        let probe = TemporaryDirectory("hpo-mount-probe")
        guard getuid() == 0, run(["-t", "tmpfs", "none", probe.path]) == 0 else { return false }
        return unmount(probe.path) == 0
    }()

    static func unmount(_ path: String) -> Int32 { run(["-l", path], tool: "/bin/umount") }

    @Test func aLinkedCheckpointsDirectoryGoesAsALink() throws {
        let run = try Run()
        let outside = try Self.outside(run.temporary)
        try FileManager.default.removeItem(atPath: run.cleaned.checkpoints)
        try FileManager.default.createSymbolicLink(atPath: run.cleaned.checkpoints, withDestinationPath: outside)
        let plan = try run.plan()
        #expect(plan.deletions.map(\.path) == [run.cleaned.checkpoints])
        #expect(plan.deletions.first?.isLink == true && plan.bytes == 0)
        #expect(plan.apply().isEmpty)
        #expect(Self.intact(outside))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: run.cleaned.checkpoints)) == nil)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: run.cleaned.checkpoints)) == [])
    }

    @Test func aTrialDirectoryThatIsALinkIsNotEntered() throws {
        let run = try Run()
        let outside = try Self.outside(run.temporary)
        try FileManager.default.createDirectory(atPath: outside + "/checkpoints", withIntermediateDirectories: true)
        try "precious".write(toFile: outside + "/checkpoints/last.ckpt", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: run.cleaned.directory)
        try FileManager.default.createSymbolicLink(atPath: run.cleaned.directory, withDestinationPath: outside)
        let plan = try run.plan()
        #expect(plan.deletions.isEmpty, "\(plan.deletions.map(\.path))")
        #expect(plan.apply().isEmpty)
        #expect((try? String(contentsOfFile: outside + "/checkpoints/last.ckpt", encoding: .utf8)) == "precious")
    }

    @Test func aLinkSwappedInAfterPlanningIsNotFollowed() throws {
        let run = try Run()
        let outside = try Self.outside(run.temporary)
        try FileManager.default.createDirectory(atPath: run.cleaned.artifacts + "/model", withIntermediateDirectories: true)
        try "w".write(toFile: run.cleaned.artifacts + "/model/f", atomically: false, encoding: .utf8)
        let plan = try run.plan()
        #expect(plan.deletions.map(\.path) == [run.cleaned.artifacts + "/model"])
        // Between planning and deleting, the directory becomes a link outside.
        try FileManager.default.removeItem(atPath: run.cleaned.artifacts)
        try FileManager.default.createSymbolicLink(atPath: run.cleaned.artifacts, withDestinationPath: outside)
        try FileManager.default.createDirectory(atPath: outside + "/model", withIntermediateDirectories: true)
        try "precious".write(toFile: outside + "/model/f", atomically: false, encoding: .utf8)
        let failures = plan.apply()
        #expect(failures.count == 1 && failures[0].reason.contains("is a symbolic link"), "\(failures)")
        #expect(Self.intact(outside))
        #expect((try? String(contentsOfFile: outside + "/model/f", encoding: .utf8)) == "precious")
    }

    @Test(.enabled(if: canMount, "needs root and mount(2)"), arguments: ["tmpfs", "bind"])
    func aMountPointBelowATrialIsLeftWhole(kind: String) throws {
        let run = try Run()
        let outside = try Self.outside(run.temporary)
        let point = run.cleaned.artifacts + "/scratch"
        try FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
        try "w".write(toFile: run.cleaned.artifacts + "/model.pt", atomically: false, encoding: .utf8)
        let mounted = kind == "bind" ? Self.run(["--bind", outside, point]) : Self.run(["-t", "tmpfs", "none", point])
        try #require(mounted == 0)
        defer { _ = Self.unmount(point) }
        if kind == "tmpfs" {
            try "precious".write(toFile: point + "/f", atomically: false, encoding: .utf8)
        }
        let plan = try run.plan()
        #expect(plan.deletions.map(\.path) == [run.cleaned.artifacts + "/model.pt"])
        #expect(plan.skipped.map(\.path) == [point])
        #expect(plan.apply().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: run.cleaned.artifacts + "/model.pt"))
        #expect((try? String(contentsOfFile: point + "/f", encoding: .utf8)) == "precious")
        if kind == "bind" { #expect(Self.intact(outside)) }
    }

    @Test(.enabled(if: canMount, "needs root and mount(2)"))
    func aMountedCheckpointsDirectoryIsLeftWhole() throws {
        let run = try Run()
        try #require(Self.run(["-t", "tmpfs", "none", run.cleaned.checkpoints]) == 0)
        defer { _ = Self.unmount(run.cleaned.checkpoints) }
        try "precious".write(toFile: run.cleaned.checkpoints + "/last.ckpt", atomically: false, encoding: .utf8)
        let plan = try run.plan()
        #expect(plan.deletions.isEmpty)
        #expect(plan.skipped.map(\.path) == [run.cleaned.checkpoints])
        #expect((try? String(contentsOfFile: run.cleaned.checkpoints + "/last.ckpt", encoding: .utf8)) == "precious")
    }

    @Test func aDirectoryOfTheTrialIsDeletedWhole() throws {
        let run = try Run()
        try FileManager.default.createDirectory(atPath: run.cleaned.checkpoints + "/a/b/c", withIntermediateDirectories: true)
        try "xyz".write(toFile: run.cleaned.checkpoints + "/a/b/c/d", atomically: false, encoding: .utf8)
        try "12".write(toFile: run.cleaned.checkpoints + "/a/e", atomically: false, encoding: .utf8)
        let plan = try run.plan()
        #expect(plan.deletions.map(\.path) == [run.cleaned.checkpoints + "/a"])
        #expect(plan.bytes == 5)
        #expect(plan.apply().isEmpty)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: run.cleaned.checkpoints)) == [])
    }

    @Test func aCleanedTrialsWorkingDirectoryGoesWholeAndTheKeptOnesStays() throws {
        let run = try Run()
        for trial in [run.layout.trial(0), run.cleaned] {
            try FileManager.default.createDirectory(atPath: trial.work + "/data", withIntermediateDirectories: true)
            try "weights".write(toFile: trial.work + "/checkpoint.pt", atomically: false, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: run.cleaned.directory + "/work.partial", withIntermediateDirectories: true)
        let plan = try run.plan()
        #expect(plan.deletions.map(\.path) == [run.cleaned.work, run.cleaned.directory + "/work.partial"])
        #expect(plan.apply().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: run.cleaned.work))
        #expect(!FileManager.default.fileExists(atPath: run.cleaned.directory + "/work.partial"))
        #expect(FileManager.default.fileExists(atPath: run.layout.trial(0).work + "/checkpoint.pt"))
    }
}
