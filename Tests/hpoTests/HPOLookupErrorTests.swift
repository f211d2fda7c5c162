import Foundation
import Testing

/// A run or trial that is not there: every command says which ones are, with exit code 2.
@Suite struct HPOLookupErrorTests {
    static let commands: [[String]] = [["status", "nope"], ["logs", "nope", "1"], ["cancel", "nope"], ["best", "nope"]]

    @Test(arguments: commands)
    func aMissingRunNamesTheRunsInTheRoot(arguments: [String]) throws {
        let fixture = RunFixture()
        try fixture.makeRun("calm-otter-2", spec: try RunFixture.spec())
        try fixture.makeRun("brisk-heron-1", spec: try RunFixture.spec())
        let r = try HPOProcess.run(arguments, in: fixture.directory)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == "error: no run named 'nope' in ./runs (runs there: brisk-heron-1, calm-otter-2)\n")
    }

    @Test func aNearMissSuggestsTheRun() throws {
        let fixture = RunFixture()
        try fixture.makeRun("brisk-heron-1", spec: try RunFixture.spec())
        let r = try HPOProcess.run(["status", "brisk-heron-2"], in: fixture.directory)
        #expect(r.status == 2)
        #expect(r.stderr == "error: no run named 'brisk-heron-2' in ./runs (runs there: brisk-heron-1); did you mean brisk-heron-1?\n")
    }

    @Test func aMissingRootSaysSo() throws {
        let fixture = RunFixture()
        let r = try HPOProcess.run(["best", "x"], in: fixture.directory)
        #expect(r.status == 2)
        #expect(r.stderr == "error: no run named 'x' in ./runs (the directory does not exist; --root or HPO_ROOT picks another)\n")
    }

    @Test func aNameThatIsNoRunNameIsRefused() throws {
        let fixture = RunFixture()
        let r = try HPOProcess.run(["status", "../etc"], in: fixture.directory)
        #expect(r.status == 2)
        #expect(r.stderr == "error: run name '../etc' contains '/'; use letters, digits, '-', '_' and '.'\n")
    }

    @Test(arguments: [["logs", "brisk-heron-1", "11"], ["cancel", "brisk-heron-1", "11"]])
    func aMissingTrialNamesTheTrialsOfTheRun(arguments: [String]) throws {
        let fixture = RunFixture()
        let (_, store) = try fixture.makeRun("brisk-heron-1", spec: try RunFixture.spec())
        for n in [1, 2, 3, 7] {
            try store.createTrial(number: n, configuration: ["lr": .real(0.1), "optimizer": .string("sgd")],
                                  at: RunFixture.epoch, queued: true)
        }
        let r = try HPOProcess.run(arguments, in: fixture.directory)
        #expect(r.status == 2)
        #expect(r.stderr == "error: no trial 11 in run 'brisk-heron-1' (trials there: 1–3, 7)\n")
    }

    @Test func aTrialThatIsNoNumberIsAUsageError() throws {
        let fixture = RunFixture()
        let r = try HPOProcess.run(["logs", "brisk-heron-1", "three"], in: fixture.directory)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: The value 'three' is invalid for '<trial>'"))
    }
}
