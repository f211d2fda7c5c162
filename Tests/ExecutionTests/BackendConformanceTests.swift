import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

/// The contract of `Backend` (its documentation's requirements), checked against every
/// backend through its `BackendHarness`. To put a new backend under the suite, write its
/// harness and add one line to `BackendHarnessFactory.all`. No sleeps: waits poll the
/// backend's exit descriptors, or move a scripted clock, until a deadline.
@Suite("Backend conformance")
struct BackendConformanceTests {
    @Test(arguments: BackendHarnessFactory.all)
    func everyExitCodeIsReportedOnceAndAfterItsStart(_ factory: BackendHarnessFactory) throws {
        try Self.exitCodes(factory.make())
    }

    @Test(arguments: BackendHarnessFactory.all)
    func aLaunchThatCannotStartThrowsAndTracksNothing(_ factory: BackendHarnessFactory) throws {
        try Self.failedLaunch(factory.make())
    }

    @Test(arguments: BackendHarnessFactory.all)
    func terminateEndsTheWholeTree(_ factory: BackendHarnessFactory) throws {
        try Self.terminate(factory.make())
    }

    @Test(arguments: BackendHarnessFactory.all)
    func killEndsATreeThatIgnoresTerminate(_ factory: BackendHarnessFactory) throws {
        try Self.kill(factory.make())
    }

    @Test(arguments: BackendHarnessFactory.all)
    func anEndedTrialIsNeitherAliveNorSignalled(_ factory: BackendHarnessFactory) throws {
        try Self.ended(factory.make())
    }

    @Test(arguments: BackendHarnessFactory.all)
    func aRestartedControllerFindsAndStopsARunningTrial(_ factory: BackendHarnessFactory) throws {
        try Self.reattach(factory.make())
    }

    // MARK: The checks, generic over the harness

    static func exitCodes<H: BackendHarness>(_ h: H) throws {
        defer { h.cleanUp() }
        let codes: [Int32] = [0, 1, 3, 7, 255]
        let handles = try codes.map { try h.launch(.exit($0)) }
        #expect(Set(handles).count == codes.count, "each launch has its own handle")
        var starts: [H.B.Handle] = []
        let exits = h.collect(until: { $0.count == codes.count }, starts: &starts)
        #expect(Dictionary(exits.map { ($0.handle, $0.termination) }, uniquingKeysWith: { a, _ in a })
                == Dictionary(uniqueKeysWithValues: zip(handles, codes.map(Termination.exited))))
        #expect(exits.count == codes.count, "each exit reported once")
        #expect(Set(starts) == (h.reportsStarts ? Set(handles) : []), "starts reported: \(h.reportsStarts)")
        h.idle()
        #expect(h.backend.collectStarts().isEmpty && h.backend.collectExits().isEmpty, "nothing reported twice")
    }

    static func failedLaunch<H: BackendHarness>(_ h: H) throws {
        defer { h.cleanUp() }
        #expect(throws: LaunchError.self) { try h.launchThatCannotStart() }
        #expect(h.backend.exitDescriptors.isEmpty)
        h.idle()
        #expect(h.backend.collectStarts().isEmpty && h.backend.collectExits().isEmpty)
    }

    static func terminate<H: BackendHarness>(_ h: H) throws {
        defer { h.cleanUp() }
        let handle = try h.launch(.treeUntilSignalled)
        let bystander = try h.launch(.runUntilSignalled)
        h.waitForStart(handle)
        #expect(h.backend.signal(handle, .terminate))
        #expect(h.waitForExit(handle) == h.termination(by: .terminate))
        #expect(h.nothingRuns(handle), "no process of the trial is left")
        #expect(h.backend.isAlive(bystander), "another trial is untouched")
    }

    static func kill<H: BackendHarness>(_ h: H) throws {
        defer { h.cleanUp() }
        let handle = try h.launch(.ignoresTerminate)
        h.waitForStart(handle)
        #expect(h.backend.signal(handle, .terminate))
        #expect(h.backend.signal(handle, .kill))
        #expect(h.waitForExit(handle) == h.termination(by: .kill))
        #expect(h.nothingRuns(handle), "no process of the trial is left")
    }

    static func ended<H: BackendHarness>(_ h: H) throws {
        defer { h.cleanUp() }
        let handle = try h.launch(.exit(0))
        #expect(h.waitForExit(handle) == .exited(0))
        #expect(!h.backend.isAlive(handle))
        #expect(!h.backend.signal(handle, .terminate), "nothing is sent to an ended trial")
        #expect(!h.backend.signal(handle, .kill))
    }

    static func reattach<H: BackendHarness>(_ h: H) throws {
        defer { h.cleanUp() }
        let handle = try h.launch(.treeUntilSignalled)
        h.waitForStart(handle)
        // The store keeps the handle as Codable; the restarted controller reads it back.
        let stored = try JSONDecoder().decode(H.B.Handle.self, from: JSONEncoder().encode(handle))
        #expect(stored == handle)
        let fresh = h.restarted(following: [stored])
        #expect(fresh.isAlive(stored))
        #expect(fresh.signal(stored, .terminate))
        let deadline = ContinuousClock.now + .seconds(10)
        while fresh.isAlive(stored) && ContinuousClock.now < deadline { h.idle() }
        #expect(!fresh.isAlive(stored), "the trial ended")
        #expect(h.nothingRuns(stored))
        if h.reportsExitsOfAdoptedTrials {
            var starts: [H.B.Handle] = []
            let exits = h.collect(from: fresh, until: { $0.contains { $0.handle == stored } }, starts: &starts)
            #expect(exits.map(\.termination) == [h.termination(by: .terminate)])
        }
        #expect(!fresh.signal(stored, .kill), "nothing is sent once it ended")
    }
}

extension BackendHarness {
    /// Collects starts and exits from `backend` (the harness's own by default) as the
    /// controller's loop does (starts first), idling between looks, until `done` holds for the
    /// exits seen or 10 s pass.
    func collect(from backend: B? = nil, until done: ([TrialExit<B.Handle>]) -> Bool,
                 starts: inout [B.Handle]) -> [TrialExit<B.Handle>] {
        let backend = backend ?? self.backend
        var exits: [TrialExit<B.Handle>] = []
        let deadline = ContinuousClock.now + .seconds(10)
        while !done(exits) && ContinuousClock.now < deadline {
            starts += backend.collectStarts()
            exits += backend.collectExits()
            if !done(exits) { idle() }
        }
        return exits
    }

    /// The termination of `handle`, collected within 10 s; nil when it did not end.
    func waitForExit(_ handle: B.Handle) -> Termination? {
        var starts: [B.Handle] = []
        return collect(until: { $0.contains { $0.handle == handle } }, starts: &starts)
            .first { $0.handle == handle }?.termination
    }

    /// Waits until the backend reported `handle` started, where it reports starts.
    func waitForStart(_ handle: B.Handle) {
        guard reportsStarts else { return }
        var starts: [B.Handle] = []
        let deadline = ContinuousClock.now + .seconds(10)
        while !starts.contains(handle) && ContinuousClock.now < deadline {
            starts += backend.collectStarts()
            if !starts.contains(handle) { idle() }
        }
    }
}
