import Execution
import Foundation
import Report
import Testing

/// A report kept in memory and brought up to date by reading only what its store gained
/// (`RunReport.update(from:)`, the dashboard's run page after a change) equals the report read
/// from scratch; a store whose rows were rewritten is not continued.
@Suite struct RunReportUpdateTests {
    static let yaml = "command: [train, '{x}']\nmetric: {name: loss}\nstrategy: random\nseed: 3\nparameters:\n"
        + "  x: 'uniform(0, 1)'\nearly_stopping: {rule: asha, min_resource: 1, max_resource: 27}\n"

    /// An asha run in a fresh directory: trials 0 and 1 succeeded with 3 loss points each,
    /// trial 2 running with one.
    static func store() throws -> (root: String, layout: RunLayout, store: RunStore) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-update-\(UUID().uuidString)").path
        let layout = try RunLayout(root: root, name: "r")
        try layout.createDirectories()
        let store = try RunStore.create(layout: layout, run: RunInfo(
            name: "r", createdAt: Date(timeIntervalSince1970: 1_750_000_000), configurationYAML: yaml, seed: 3,
            strategy: "random", goal: .minimize, metric: "loss", parameterNames: ["x"]))
        for n in 0..<3 {
            try start(n, store)
            try store.appendMetrics(trial: n, attempt: 1, points: (1...(n == 2 ? 1 : 3)).map {
                MetricPoint(step: $0, name: "loss", value: Double(n + 1) / Double($0)) }, at: at(n))
            if n < 2 {
                try store.recordFinish(trial: n, state: .succeeded, exitCode: 0, objective: Double(n + 1) / 3, steps: 3, at: at(n + 1))
            }
        }
        return (root, layout, store)
    }

    static func at(_ seconds: Int) -> Date { Date(timeIntervalSince1970: 1_750_000_000 + Double(seconds)) }

    static func start(_ n: Int, _ store: RunStore) throws {
        try store.createStartingTrial(number: n, configuration: ["x": .real(Double(n) / 10 + 0.05)], slots: [0], at: at(n))
        try store.recordLaunch(trial: n, process: ProcessRecord(pid: 1, processGroup: 1, startTime: 0), at: at(n))
    }

    /// Everything the views draw from, and the page they draw.
    static func expectSame(_ kept: RunReport, _ scratch: RunReport) {
        #expect(kept.snapshot == scratch.snapshot)
        #expect(kept.curves == scratch.curves)
        #expect(kept.metricNames == scratch.metricNames)
        #expect(kept.lastValues == scratch.lastValues)
        #expect(kept.rungs == scratch.rungs)
        #expect(kept.space == scratch.space)
        #expect(kept.tags == scratch.tags)
        #expect(kept.readThrough == scratch.readThrough)
        var (a, b) = (kept, scratch)
        (a.madeAt, b.madeAt) = (at(0), at(0))
        #expect(ReportPage.html(a) == ReportPage.html(b))
    }

    @Test func anUpdatedReportEqualsOneReadFromScratch() throws {
        let (root, _, store) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var kept = try RunReport.load(from: store)
        // New points (one at an earlier step, one repeating a step), a finish, a new trial
        // with its points, a new metric name and a tag.
        try store.appendMetrics(trial: 2, attempt: 1, points: [MetricPoint(step: 3, name: "loss", value: 0.9),
                                                                MetricPoint(step: 2, name: "loss", value: 1.1),
                                                                MetricPoint(step: 3, name: "loss", value: 0.8)], at: Self.at(5))
        try store.recordFinish(trial: 2, state: .pruned, exitCode: 0, objective: nil, steps: 3, at: Self.at(6))
        try Self.start(3, store)
        try store.appendMetrics(trial: 3, attempt: 1, points: [MetricPoint(step: 1, name: "loss", value: 0.5),
                                                                MetricPoint(step: 1, name: "accuracy", value: 0.7)], at: Self.at(7))
        try store.appendMetrics(trial: 0, attempt: 1, points: [MetricPoint(step: 4, name: "accuracy", value: 0.6)], at: Self.at(8))
        try store.updateTags(add: ["nightly"])
        #expect(try kept.update(from: store))
        Self.expectSame(kept, try RunReport.load(from: store))
        #expect(kept.snapshot.trials.map(\.number) == [0, 1, 2, 3])
        #expect(kept.metricNames == ["loss", "accuracy"])
        // By step; of two points at one step the one stored last stays last.
        #expect(kept.curves[2]?.map(\.value) == [3, 1.1, 0.9, 0.8])
    }

    @Test func anUnchangedStoreLeavesTheReportAsItWas() throws {
        let (root, _, store) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var kept = try RunReport.load(from: store)
        #expect(try kept.update(from: store))
        Self.expectSame(kept, try RunReport.load(from: store))
    }

    /// A controller reattaching to a job forgets its attempt's points and reads them again:
    /// the kept curve would hold them twice, so the report is read from scratch.
    @Test func deletedPointsAreNotContinued() throws {
        let (root, _, store) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var kept = try RunReport.load(from: store)
        try store.deleteMetrics(trial: 0, attempt: 1)
        try store.appendMetrics(trial: 0, attempt: 1, points: (1...3).map { MetricPoint(step: $0, name: "loss", value: 1 / Double($0)) },
                                at: Self.at(9))
        #expect(try !kept.update(from: store))
    }

    /// A run removed and made again under its name (ids start over) is another run.
    @Test func aStoreMadeAgainIsNotContinued() throws {
        let (root, layout, store) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var kept = try RunReport.load(from: store)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: layout.database + suffix) }
        let again = try RunStore.create(layout: layout, run: RunInfo(
            name: "r", createdAt: Self.at(100), configurationYAML: Self.yaml, seed: 3,
            strategy: "random", goal: .minimize, metric: "loss", parameterNames: ["x"]))
        for n in 0..<5 { try Self.start(n, again) }
        #expect(try !kept.update(from: again))
    }

    @Test func aReportNotReadFromAStoreIsNotContinued() throws {
        let (root, _, store) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let read = try RunReport.load(from: store)
        var made = RunReport(snapshot: read.snapshot, space: read.space, curves: read.curves, workspace: nil, madeAt: Self.at(0))
        #expect(try !made.update(from: store))
    }
}
