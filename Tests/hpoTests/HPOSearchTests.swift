import Foundation
import Testing

/// `hpo search`: strategy and budget, from a command line, a sweep file, or both.
@Suite struct HPOSearchTests {
    /// A scratch directory holding `files`, removed after `body`.
    static func withFiles(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try body(dir)
    }

    static let sweep = """
        command: [python3, train.py, --lr, "{lr}"]
        parameters:
          lr: "[0.1, 0.01]"
          batch: [32, 64]
        """

    @Test func commandAfterTheTerminatorIsSwept() throws {
        let r = try HPOProcess.run(["search", "--dry-run", "--", "python3", "train.py", "--lr", "[0.1, 0.01]", "--epochs", "3"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            python3 train.py --lr 0.1 --epochs 3
            python3 train.py --lr 0.01 --epochs 3
            2 trials (dry run: nothing was started)

            """)
    }

    @Test func sweepFileGivesCommandAndParameters() throws {
        try Self.withFiles(["sweep.yaml": Self.sweep]) { dir in
            let r = try HPOProcess.run(["search", "--config", "sweep.yaml", "--dry-run"], in: dir)
            #expect(r.status == 0)
            #expect(r.stdout == """
                python3 train.py --lr 0.1 --batch 32
                python3 train.py --lr 0.01 --batch 32
                python3 train.py --lr 0.1 --batch 64
                python3 train.py --lr 0.01 --batch 64
                4 trials (dry run: nothing was started)

                """)
        }
    }

    @Test func commandLineWinsOverTheFile() throws {
        try Self.withFiles(["sweep.yaml": Self.sweep + "\ntrials: 4\n"]) { dir in
            let r = try HPOProcess.run(["search", "--config", "sweep.yaml", "--trials", "2", "--dry-run", "--",
                                        "python3", "other.py", "--lr", "[0.5]"], in: dir)
            #expect(r.status == 0)
            #expect(r.stdout == """
                python3 other.py --lr 0.5 --batch 32
                python3 other.py --lr 0.5 --batch 64
                2 trials (dry run: nothing was started)

                """)
        }
    }

    @Test func badSweepFileNamesFileLineAndColumn() throws {
        try Self.withFiles(["sweep.yaml": "parameters:\n  lr: \"loguniform(0, 1)\"\n  batch: [32]\nmethod: grid\n"]) { dir in
            let r = try HPOProcess.run(["search", "--config", "sweep.yaml", "--dry-run"], in: dir)
            #expect(r.status == 2)
            #expect(r.stderr == "error: sweep.yaml:4:1: unknown key 'method' in the sweep file; did you mean strategy?\n")
        }
    }

    @Test func missingCommandIsExplained() throws {
        let r = try HPOProcess.run(["search", "--dry-run"])
        #expect(r.status == 2)
        #expect(r.stderr == "error: no command to run: give one after --, or a command list in the sweep file\n")
    }

    @Test func missingSweepFileIsExplained() throws {
        let r = try HPOProcess.run(["search", "--config", "no-such-sweep.yaml", "--dry-run"])
        #expect(r.status == 2)
        #expect(r.stderr == "error: no-such-sweep.yaml: no such file\n")
    }
}
