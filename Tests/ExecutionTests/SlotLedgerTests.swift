import Testing
@testable import Execution
import Search

@Suite("Slot ledger: who runs where")
struct SlotLedgerTests {
    @Test("a CPU run has N anonymous slots and leaves CUDA_VISIBLE_DEVICES alone")
    func cpuSlots() throws {
        var ledger = try SlotLedger(parallel: 2)
        #expect(ledger.capacity == 2)
        #expect(ledger.startableTrials == 2)
        let acquired = ledger.acquire(for: 1)
        let first = try #require(acquired)
        #expect(first.gpus.isEmpty)
        #expect(first.cudaVisibleDevices == nil)
        #expect(ledger.acquire(for: 2) != nil)
        #expect(ledger.acquire(for: 3) == nil, "both slots are taken")
        #expect(ledger.startableTrials == 0)
        #expect(ledger.release(trial: 1) == first)
        #expect(ledger.release(trial: 1) == nil, "releasing twice is harmless")
        #expect(ledger.acquire(for: 3) != nil)
        #expect(throws: SlotError.noGPUsInRun(requested: 1)) { _ = try ledger.acquire(for: 9, gpuCount: 1) }
    }

    @Test("trials spread over the least loaded GPUs, ties by lower index", arguments: [
        // (gpus, K, M, the GPUs each successive trial gets; nil = no room)
        ([0, 1, 2, 3], 1, 2, [[0], [1], [2], [3], [0], [1], [2], [3], nil]),
        ([3, 1, 2, 0], 1, 1, [[0], [1], [2], [3], nil]),
        ([0, 1, 2, 3], 2, 1, [[0, 1], [2, 3], nil]),
        ([0, 1, 2], 2, 1, [[0, 1], nil]),
        ([0, 1, 2], 2, 2, [[0, 1], [0, 2], [1, 2], nil]),
        ([4, 6], 2, 3, [[4, 6], [4, 6], [4, 6], nil]),
    ] as [([Int], Int, Int, [[Int]?])])
    func spreading(gpus: [Int], k: Int, m: Int, expected: [[Int]?]) throws {
        var ledger = try SlotLedger(gpus: gpus, gpusPerTrial: k, trialsPerGPU: m)
        #expect(ledger.capacity == expected.compactMap { $0 }.count)
        for (trial, want) in expected.enumerated() {
            #expect(ledger.acquire(for: trial)?.gpus == want, "trial \(trial)")
        }
    }

    @Test("release returns the GPUs, and the next trial takes the least loaded again")
    func releaseRebalances() throws {
        var ledger = try SlotLedger(gpus: [0, 1, 2, 3], gpusPerTrial: 1, trialsPerGPU: 2)
        for trial in 0..<8 { #expect(ledger.acquire(for: trial) != nil) }
        #expect(ledger.load == [2, 2, 2, 2])
        ledger.release(trial: 2)  // held GPU 2
        ledger.release(trial: 5)  // held GPU 1
        #expect(ledger.load == [2, 1, 1, 2])
        #expect(ledger.acquire(for: 8)?.gpus == [1])
        #expect(ledger.acquire(for: 9)?.gpus == [2])
        #expect(ledger.acquire(for: 10) == nil)
    }

    @Test("CUDA_VISIBLE_DEVICES: the granted ids, or empty for a CPU trial of a GPU run")
    func cudaVisibleDevices() throws {
        var ledger = try SlotLedger(gpus: [2, 0, 1, 3], gpusPerTrial: 2)
        #expect(ledger.acquire(for: 1)?.cudaVisibleDevices == "0,1")
        let cpuTrial = try ledger.acquire(for: 2, gpuCount: 0)
        #expect(cpuTrial?.gpus == [])
        #expect(cpuTrial?.cudaVisibleDevices == "", "hides every GPU from a trial that got none")
        #expect(ledger.acquire(for: 3) == nil, "capacity ⌊4·1/2⌋ = 2 counts the CPU trial too")
        #expect(ledger.acquire(for: 1)?.cudaVisibleDevices == "0,1", "asking again returns the held grant")
    }

    @Test("--parallel caps a GPU run below what its GPUs allow")
    func parallelCap() throws {
        var ledger = try SlotLedger(gpus: [0, 1, 2, 3], trialsPerGPU: 4, parallel: 3)
        #expect(ledger.capacity == 3)
        #expect((0..<4).map { ledger.acquire(for: $0)?.gpus } == [[0], [1], [2], nil])
    }

    @Test("random acquire/release sequences never overlap GPUs beyond M nor exceed capacity",
          arguments: [(4, 2, 1), (4, 2, 2), (3, 2, 2), (8, 3, 2), (5, 1, 3)])
    func invariants(gpuCount: Int, k: Int, m: Int) throws {
        var ledger = try SlotLedger(gpus: Array(0..<gpuCount), gpusPerTrial: k, trialsPerGPU: m)
        var rng = SplitMix64(seed: UInt64(gpuCount * 100 + k * 10 + m))
        var held: [Int] = []
        for trial in 0..<2_000 {
            if !held.isEmpty && rng.next() % 3 == 0 {
                let victim = held.remove(at: Int(rng.next() % UInt64(held.count)))
                #expect(ledger.release(trial: victim) != nil)
            } else if let grant = ledger.acquire(for: trial) {
                held.append(trial)
                #expect(Set(grant.gpus).count == k, "exactly K distinct GPUs")
            } else {
                #expect(held.count == ledger.capacity || ledger.load.filter { $0 < m }.count < k,
                        "refused only when full")
            }
            var usage = Array(repeating: 0, count: gpuCount)
            for grant in ledger.grants.values { for id in grant.gpus { usage[id] += 1 } }
            #expect(usage == ledger.load)
            #expect(usage.allSatisfy { $0 <= m })
            #expect(ledger.activeTrials <= ledger.capacity)
        }
    }

    /// A ledger setting: `gpus == nil` is a CPU run.
    struct Setting: Sendable, CustomTestStringConvertible {
        var parallel: Int?
        var gpus: [Int]?
        var k = 1
        var m = 1
        var testDescription: String { "parallel \(parallel.map(String.init) ?? "-") gpus \(gpus ?? []) K \(k) M \(m)" }

        func make() throws(SlotError) -> SlotLedger {
            guard let gpus else { return try SlotLedger(parallel: parallel ?? 1) }
            return try SlotLedger(gpus: gpus, gpusPerTrial: k, trialsPerGPU: m, parallel: parallel)
        }
    }

    @Test("settings that cannot work are refused with a message naming the option", arguments: [
        (Setting(parallel: 0), SlotError.parallelTooSmall(0), "--parallel must be at least 1 (got 0)"),
        (Setting(gpus: [0, 1], k: 3), .gpusPerTrialExceedsGPUs(requested: 3, available: [0, 1]),
         "--gpus-per-trial 3 needs 3 distinct GPUs, but the run has 2 (0,1)"),
        (Setting(gpus: [0, 1, 1]), .duplicateGPU(1), "--gpus lists GPU 1 more than once"),
        (Setting(gpus: [0], m: 0), .trialsPerGPUTooSmall(0), "--trials-per-gpu must be at least 1 (got 0)"),
        (Setting(gpus: [0], k: 0), .gpusPerTrialTooSmall(0), "--gpus-per-trial must be at least 1 (got 0)"),
        (Setting(gpus: []), .noGPUs, "--gpus lists no GPU (expected indices such as 0,1,2 or 'all')"),
        (Setting(parallel: 0, gpus: [0]), .parallelTooSmall(0), "--parallel must be at least 1 (got 0)"),
    ])
    func validation(setting: Setting, expected: SlotError, message: String) {
        #expect(throws: expected) { _ = try setting.make() }
        #expect(expected.description == message)
    }

    @Test("a recorded grant can be taken back after a restart, but not twice over capacity")
    func restore() throws {
        var ledger = try SlotLedger(gpus: [0, 1], gpusPerTrial: 1)
        try ledger.restore(SlotGrant(gpus: [1], runUsesGPUs: true), for: 7)
        #expect(ledger.load == [0, 1])
        #expect(ledger.acquire(for: 8)?.gpus == [0])
        #expect(throws: SlotError.grantDoesNotFit(trial: 9, gpus: [1])) {
            try ledger.restore(SlotGrant(gpus: [1], runUsesGPUs: true), for: 9)
        }
        #expect(throws: SlotError.unknownGPU(5)) {
            try ledger.restore(SlotGrant(gpus: [5], runUsesGPUs: true), for: 10)
        }
    }
}
