import Foundation
import GRDB
import Testing
@testable import Execution

/// A run's tags and note: stored, changed, read back, validated.
@Suite struct StoreTagTests {
    @Test func aNewRunHasNoTagsAndNoNote() throws {
        let dir = TemporaryDirectory()
        #expect(try makeStore(dir).tags() == RunTags())
    }

    @Test func tagsAreAddedAndRemovedInOneStepAndComeBackSorted() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        try store.updateTags(add: ["resnet", "baseline", "resnet"], note: "first try")
        try store.updateTags(add: ["v2"], remove: ["baseline", "never-there"])
        #expect(try store.tags() == RunTags(tags: ["resnet", "v2"], note: "first try"))
        try store.updateTags(note: "")
        #expect(try store.tags().note == nil)
    }

    @Test func tagsSurviveReopeningReadOnly() throws {
        let dir = TemporaryDirectory()
        try makeStore(dir).updateTags(add: ["a"], note: "why")
        let reader = try RunStore.open(at: dir.file("run.db"), readOnly: true)
        #expect(try reader.tags() == RunTags(tags: ["a"], note: "why"))
    }

    @Test func badTagsAreRefusedWithWhatATagMayHold() {
        #expect(throws: TagError.empty) { try RunTags.validate("") }
        #expect(throws: TagError.badCharacter("a,b", ",")) { try RunTags.validate("a,b") }
        #expect(throws: TagError.tooLong(String(repeating: "x", count: 65))) {
            try RunTags.validate(String(repeating: "x", count: 65))
        }
        #expect(TagError.badCharacter("a b", " ").description.contains("U+0020"))
        #expect(throws: Never.self) { try RunTags.validate("lr-sweep/v2:é") }
    }

    @Test func notesMayHoldNewlinesButNoOtherControlCharacter() {
        #expect(throws: Never.self) { try RunTags.validate(note: "line one\nline two\tend") }
        #expect(throws: TagError.noteControlCharacter) { try RunTags.validate(note: "bell\u{07}") }
    }
}

/// Every metric's names and last values, for the views' metric pickers.
@Suite struct StoreMetricNameTests {
    @Test func namesComeInTheOrderOfTheirFirstReportAndLastValuesPerTrial() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        for n in 0..<2 { try store.createTrial(number: n, configuration: ["lr": .real(0.1)], at: at(0), queued: true) }
        func p(_ step: Int, _ name: String, _ value: Double) -> MetricPoint { MetricPoint(step: step, name: name, value: value) }
        try store.appendMetrics(trial: 1, attempt: 1, points: [p(1, "val_loss", 0.9), p(1, "acc", 0.5), p(2, "val_loss", 0.8)],
                                at: at(1))
        try store.appendMetrics(trial: 0, attempt: 1, points: [p(1, "lr", 0.1), p(1, "acc", .nan)], at: at(2))
        try store.appendMetrics(trial: 1, attempt: 2, points: [p(1, "acc", 0.6)], at: at(3))
        let (names, last) = try store.lastMetricValues()
        #expect(names == ["val_loss", "acc", "lr"])
        #expect(last["val_loss"] == [1: 0.8])
        #expect(last["acc"]?[1] == 0.6)
        #expect(last["acc"]?[0]?.isNaN == true)
        #expect(last["lr"] == [0: 0.1])
    }
}

/// What the views' metric picker costs on a big run: counted, not timed (the time is printed).
@Suite("Run store: every metric's last values at scale", .serialized)
struct StoreMetricScaleTests {
    @Test("10,000 trials × 3 metrics × 10 steps: one value per trial and metric (the time is printed)")
    func lastValuesOfABigRun() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let points = (0..<10_000).map { trial in
            (1...10).flatMap { step in ["loss", "acc", "lr"].map { MetricPoint(step: step, name: $0, value: Double(trial * 100 + step)) } }
        }
        // Written straight through SQLite, in five transactions: only the read is under test.
        for chunk in stride(from: 0, to: 10_000, by: 2_000) {
            try store.pool.write { db in
                let insert = try db.cachedStatement(sql: "INSERT INTO metric (trial, attempt, step, name, value, at) VALUES (?, 1, ?, ?, ?, 0)")
                for trial in chunk..<chunk + 2_000 {
                    for p in points[trial] { try insert.execute(arguments: [trial, p.step, p.name, p.value]) }
                }
            }
        }
        let before = cpuSeconds()
        let (names, values) = try store.lastMetricValues()
        print("last values of 300,000 points (10,000 trials): \(String(format: "%.3f", cpuSeconds() - before)) s of CPU")
        #expect(names == ["loss", "acc", "lr"])
        #expect(values.values.map(\.count) == [10_000, 10_000, 10_000])
        #expect(values["acc"]?[9_999] == 999_910)
    }
}
