import Foundation
import Testing
@testable import Execution

/// GPU slots, proven from what the trials themselves saw.
@Suite struct ControllerGPUTests {
    /// Each trial appends `start <t> <trial> <CUDA_VISIBLE_DEVICES>` and `end <t> <trial>` to a
    /// shared log (CLOCK_MONOTONIC, one clock for all processes), holding its GPUs 0.6 s.
    @Test func concurrentTrialsNeverShareAGPUAndTwoRunAtOnce() throws {
        let h = SweepHarness()
        defer { h.remove() }
        let log = h.scratch.file("gpus.log")
        let script = h.script("gpu.py", """
            log = sys.argv[2]
            trial, devices = os.environ["HPO_TRIAL"], os.environ.get("CUDA_VISIBLE_DEVICES", "?")
            with open(log, "a") as f: f.write(f"start {time.monotonic()} {trial} {devices}\\n")
            time.sleep(0.6)
            with open(log, "a") as f: f.write(f"end {time.monotonic()} {trial} {devices}\\n")
            open(os.environ["HPO_METRICS_FILE"], "a").write('{"objective": 0}\\n')
            """)
        let slots = try SlotLedger(gpus: [0, 1, 2, 3], gpusPerTrial: 2)
        let (_, state) = try h.run(["python3", script, "{x}", log], space: [.ints("x", Array(0..<6))], slots: slots)
        #expect(state == .completed)

        struct Interval { var start = 0.0, end = 0.0, gpus: Set<String> = [] }
        var intervals: [String: Interval] = [:]
        for line in h.scratch.read("gpus.log").split(separator: "\n") {
            let f = line.split(separator: " ").map(String.init)
            if f[0] == "start" {
                intervals[f[2]] = Interval(start: Double(f[1])!, gpus: Set(f[3].split(separator: ",").map(String.init)))
            } else {
                intervals[f[2]]!.end = Double(f[1])!
            }
        }
        #expect(intervals.count == 6)
        #expect(intervals.values.allSatisfy { $0.gpus.count == 2 && $0.gpus.isSubset(of: ["0", "1", "2", "3"]) })
        var overlapping = 0
        let all = Array(intervals.values)
        for i in all.indices {
            for j in all.indices where j > i && all[i].start < all[j].end && all[j].start < all[i].end {
                overlapping += 1
                #expect(all[i].gpus.isDisjoint(with: all[j].gpus), "two running trials shared a GPU")
            }
        }
        #expect(overlapping >= 1, "no two trials ever ran at once")
    }
}
