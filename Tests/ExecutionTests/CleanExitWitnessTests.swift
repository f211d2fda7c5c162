import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

/// A trial that exited 0 just before hpo itself got SIGTERM or SIGHUP is named: the same
/// signal may have reached it first.
@Suite struct CleanExitWitnessTests {
    let start = ContinuousClock.now

    @Test func anExitWithinTheWindowBeforeSigtermIsNamedOnce() {
        var witness = CleanExitWitness(window: .seconds(10))
        witness.exitedCleanly(3, at: start)
        witness.exitedCleanly(4, at: start + .seconds(1))
        let warnings = witness.hpoSignalled(SIGTERM, at: start + .milliseconds(10_500))
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("warning: trial 4 exited 0 9.5s before hpo got SIGTERM: ") == true)
        #expect(warnings.first?.contains("should exit 75 ($HPO_PREEMPTED_EXIT_CODE)") == true)
        #expect(witness.hpoSignalled(SIGHUP, at: start + .seconds(11)).isEmpty)
    }

    @Test func ctrlCIsNoOutsideStop() {
        var witness = CleanExitWitness(window: .seconds(10))
        witness.exitedCleanly(1, at: start)
        #expect(witness.hpoSignalled(SIGINT, at: start + .seconds(1)).isEmpty)
        #expect(witness.hpoSignalled(SIGHUP, at: start + .seconds(2)).count == 1)
    }
}
