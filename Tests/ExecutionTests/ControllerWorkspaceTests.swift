import Foundation
import Testing
@testable import Execution

/// Sweeps whose trials run in a snapshot of the workspace, with datastores and storage.
@Suite struct ControllerWorkspaceTests {
    @Test func trialsSeeTheSnapshotNotTheTreeEditedAfterTheStart() throws {
        let h = SweepHarness()
        defer { h.remove() }
        try FileManager.default.createDirectory(atPath: h.scratch.file("ws"), withIntermediateDirectories: true)
        h.scratch.write("ws/data.txt", "v1")
        h.scratch.write("ws/show.py", """
            import os
            print(open("data.txt").read(), os.getcwd())
            open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 1}\\n')
            """)
        let (sweep, state) = try h.run(["python3", "show.py", "--n", "{n}"], space: [.ints("n", [1, 2])],
                                       configure: { options in
                                           options.workingDirectory = h.scratch.file("ws")
                                           options.snapshot = SnapshotRequest(source: h.scratch.file("ws"))
                                       }, during: { _ in
                                           // Edit the live tree after the snapshot, before any trial starts.
                                           h.scratch.write("ws/data.txt", "v2")
                                       })
        #expect(state == .completed)
        let copy = sweep.layout.workspace
        for trial in 0..<2 {
            let out = (try? String(contentsOfFile: sweep.layout.trial(trial).stdout, encoding: .utf8)) ?? ""
            #expect(out == "v1 \(sweep.layout.trial(trial).work)\n", "trial \(trial)")
        }
        let recorded = try #require(try sweep.store.workspace())
        #expect(recorded.directory == copy && recorded.files == 2 && recorded.contentHash.count == 64)
        // hpo resume gives trials their copies of the same snapshot too.
        #expect(try RunSettings.load(sweep.layout)?.trialWorkspace == TrialWorkspace(snapshot: copy, start: ""))
    }

    @Test func withoutASnapshotTrialsRunInPlace() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let script = h.script("pwd.py", "print(os.getcwd())")
        let (sweep, _) = try h.run(["python3", script, "--n", "{n}"], space: [.ints("n", [1])])
        #expect(try sweep.store.workspace() == nil)
        #expect((try? String(contentsOfFile: sweep.layout.trial(0).stdout, encoding: .utf8)) == h.scratch.path + "\n")
    }

    @Test func datastoresAndStorageReachEveryTrial() throws {
        let h = SweepHarness()
        defer { h.remove() }
        try FileManager.default.createDirectory(atPath: h.scratch.file("imagenet"), withIntermediateDirectories: true)
        let script = h.script("env.py", """
            print(os.environ["HPO_DATA_IMAGENET"], os.environ["HPO_STORAGE"], os.path.isdir(os.environ["HPO_STORAGE"]))
            """)
        let (sweep, _) = try h.run(["python3", script, "--n", "{n}"], space: [.ints("n", [1, 2])], configure: { options in
            options.datastores = [try! Datastore(specification: "imagenet=imagenet", relativeTo: h.scratch.path)]
            options.allowsMissingMetric = true  // the trials only print
        })
        for trial in 0..<2 {
            let out = (try? String(contentsOfFile: sweep.layout.trial(trial).stdout, encoding: .utf8)) ?? ""
            #expect(out == "\(h.scratch.file("imagenet")) \(sweep.layout.storage) True\n")
        }
        #expect(try RunSettings.load(sweep.layout)?.datastores?.map(\.name) == ["IMAGENET"])
    }

    @Test func aMissingDatastoreStopsTheRunBeforeItIsMade() throws {
        let h = SweepHarness()
        defer { h.remove() }
        #expect(throws: DatastoreError.unusable(name: "DATA", path: h.scratch.file("absent"),
                                                reason: "No such file or directory")) {
            _ = try h.run(["true", "{n}"], space: [.ints("n", [1])], configure: { options in
                options.datastores = [try! Datastore(name: "data", path: h.scratch.file("absent"))]
            })
        }
        #expect(!FileManager.default.fileExists(atPath: h.root + "/test"))
    }

    @Test func datastoreNamesBecomeVariableNames() throws {
        #expect(try Datastore(specification: "my_data=/d").variable == "HPO_DATA_MY_DATA")
        #expect(throws: DatastoreError.badName("9lives")) { try Datastore(specification: "9lives=/d") }
        #expect(throws: DatastoreError.badName("a-b")) { try Datastore(specification: "a-b=/d") }
        #expect(throws: DatastoreError.badSpecification("nopath")) { try Datastore(specification: "nopath") }
    }
}
