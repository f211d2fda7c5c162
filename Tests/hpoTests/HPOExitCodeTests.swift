import ArgumentParser
import Foundation
import Testing
@testable import Execution
@testable import hpo

/// Each typed error says its own exit code (`ExitStatusError`); `HPO.main` maps them in one
/// place (README, "Exit codes"): bad input 2, a failed run 1, a cancelled run 130, hpo's own
/// fault 1 — never 2.
@Suite struct HPOExitCodeTests {
    /// An error no library knows: taken for hpo's fault, not for the person's.
    struct Unforeseen: Error {}

    static let cases: [(String, any Error, Int32)] = [
        ("a sweep file", SweepFileError(path: "sweep.yaml", line: 1, column: 1, message: "unknown key"), 2),
        ("an option", InputError("--timeout 2x: give a duration"), 2),
        ("a changed sweep", ResumeError.sweepChanged(run: "r", diff: "- strategy: bayes"), 2),
        ("a taken name", SweepError.runExists(name: "r", root: "runs"), 2),
        ("a full disk", RunStoreError.diskFull(path: "runs/r/run.db"), 1),
        ("SQLite", RunStoreError.database(path: "runs/r/run.db", detail: "disk I/O error"), 1),
        ("a lock the kernel refused", RunLockError.system(path: "runs/r/lock", operation: "flock", code: EIO), 1),
        ("survivors of SIGKILL", ResumeError.processesSurvived(run: "r", processes: []), 1),
        ("a failed factorization", LinearAlgebraError.nonFiniteEntries(order: 2), 1),
        ("an unforeseen error", Unforeseen(), 1),
        ("a failed run", RunEnded(state: .failed), 1),
        ("a cancelled run", RunEnded(state: .cancelled), 130),
        ("a command that said why itself", ExitCode(1), 1),
    ]

    @Test(arguments: cases.indices)
    func eachErrorSaysItsExitCode(index: Int) {
        let (what, error, code) = Self.cases[index]
        #expect(HPO.exitCode(reporting: error) == code, "\(what)")
    }

    @Test func theCodesAreTheDocumentedOnes() {
        #expect(ExitStatus.allCases.map(\.code) == [0, 1, 2, 130, 1])
    }
}
