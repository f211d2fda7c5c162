import Dashboard
import Execution
import Foundation
import Testing

/// The figures of the README's "Views at 10,000 trials": a run of `HPO_VIEWS_MEASURE` trials
/// (5 loss points each; succeeded, pruned and failed; the run still running) filled straight
/// through the run store, then the run page, `/live` (whole, then with an up-to-date `since`)
/// and the report over HTTP: bytes and milliseconds (median of 5), and the report's SVG
/// elements. Printed, never asserted (the machines are shared); off unless the variable is
/// set — `Benchmarks/views/measure.sh` sets it.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["HPO_VIEWS_MEASURE"] != nil))
struct ViewsMeasure {
    /// A running run of `trials` trials in `root` (a fresh one unless given), filled in one batch.
    static func fill(trials: Int, root given: String? = nil) throws -> (root: String, layout: RunLayout) {
        let root = given ?? FileManager.default.temporaryDirectory.appendingPathComponent("hpo-views-\(UUID().uuidString)").path
        let layout = try RunLayout(root: root, name: "big")
        try layout.createDirectories()
        let store = try RunStore.create(layout: layout, run: RunInfo(
            name: "big", createdAt: Date(timeIntervalSince1970: 1_750_000_000), configurationYAML: "", seed: 0,
            strategy: "random", goal: .minimize, metric: "loss", parameterNames: ["lr", "width", "optimizer"]))
        var generator = SplitMix(seed: 7)
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        var failures: [any Error] = []
        try store.batch {
            for n in 0..<trials {
                do {
                    let lr = pow(10, -4 + 3 * generator.unit()), width = 8 + Int(generator.unit() * 56)
                    let optimizer = ["adam", "sgd", "rmsprop"][n % 3]
                    let at = start.addingTimeInterval(Double(n))
                    try store.createStartingTrial(number: n, configuration: ["lr": .real(lr), "width": .int(width),
                                                                             "optimizer": .string(optimizer)], slots: [n % 8], at: at)
                    try store.recordLaunch(trial: n, process: ProcessRecord(pid: 1, processGroup: 1, startTime: 0), at: at)
                    let floor = (log10(lr) + 2.5) * (log10(lr) + 2.5) / 4 + 8 / Double(width) + 0.05 * generator.unit()
                    let state: TrialState = n % 20 == 0 ? .failed : (n % 7 == 0 ? .pruned : .succeeded)
                    let steps = state == .pruned ? 2 : 5
                    try store.appendMetrics(trial: n, attempt: 1, points: (1...steps).map {
                        MetricPoint(step: $0, name: "loss", value: floor + 1 / Double($0)) }, at: at)
                    try store.recordFinish(trial: n, state: state, exitCode: state == .failed ? 1 : 0,
                                           objective: state == .succeeded ? floor + 0.2 : nil, steps: steps,
                                           at: at.addingTimeInterval(30))
                } catch { failures.append(error) }
            }
        }
        if let first = failures.first { throw first }
        return (root, layout)
    }

    /// The median milliseconds and the bytes of `target`, asked 5 times; `before` runs ahead
    /// of each try, untimed (a change to the run, so that each try draws anew).
    static func measure(_ live: LiveDashboard, _ target: String,
                        before: () throws -> Void = {}) async throws -> (ms: Double, response: LiveDashboard.Response) {
        var times: [Double] = []
        var last: LiveDashboard.Response?
        for _ in 0..<5 {
            try before()
            let began = ContinuousClock.now
            last = try await live.request(target)
            let elapsed = ContinuousClock.now - began
            times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
        }
        return (times.sorted()[2], last!)
    }

    /// The SVG elements of a page: every start tag inside an `<svg>`, the `<svg>` included.
    static func svgElements(_ html: String) -> Int {
        var count = 0
        for chunk in html.components(separatedBy: "<svg").dropFirst() {
            let inside = chunk.components(separatedBy: "</svg>").first ?? ""
            count += 1 + inside.components(separatedBy: "<").count - 1 - inside.components(separatedBy: "</").count + 1
        }
        return count
    }

    /// Only fills run `big` under `HPO_VIEWS_KEEP` and leaves it there, for a server of
    /// another build to serve (`Benchmarks/views/measure-release.sh`).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HPO_VIEWS_KEEP"] != nil))
    func kept() throws {
        let trials = Int(ProcessInfo.processInfo.environment["HPO_VIEWS_MEASURE"] ?? "") ?? 10_000
        _ = try Self.fill(trials: trials, root: ProcessInfo.processInfo.environment["HPO_VIEWS_KEEP"])
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["HPO_VIEWS_KEEP"] == nil))
    func figures() async throws {
        let trials = Int(ProcessInfo.processInfo.environment["HPO_VIEWS_MEASURE"] ?? "") ?? 10_000
        let (root, layout) = try Self.fill(trials: trials)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A new loss point of the last trial, as a running run reports them.
        let store = try RunStore.open(layout: layout)
        var step = 5
        let change = {
            step += 1
            try store.appendMetrics(trial: trials - 1, attempt: 1, points: [MetricPoint(step: step, name: "loss", value: 0.5)],
                                    at: Date())
        }
        let live = try await LiveDashboard(DashboardServer(root: root))
        defer { Task { await live.stop() } }
        func line(_ what: String, _ m: (ms: Double, response: LiveDashboard.Response)) {
            print("views: \(what): \(m.response.bytes.count) bytes, \(String(format: "%.0f", m.ms)) ms (status \(m.response.status))")
        }
        print("views: \(trials) trials")
        line("run page, after a change", try await Self.measure(live, "/runs/big", before: change))
        line("run page, unchanged", try await Self.measure(live, "/runs/big"))
        line("/live, after a change", try await Self.measure(live, "/runs/big/live", before: change))
        let whole = try await Self.measure(live, "/runs/big/live")
        line("/live, unchanged, no since", whole)
        let version = whole.response.headers["x-run-version"] ?? ""
        line("/live, since the last version", try await Self.measure(live, "/runs/big/live?since=\(version)"))
        let report = try await Self.measure(live, "/runs/big/report.html")
        line("report", report)
        print("views: report: \(Self.svgElements(report.response.body)) SVG elements")
    }
}

/// A small deterministic generator (SplitMix64) for the fixture's parameters.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func unit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
