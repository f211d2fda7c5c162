import Foundation
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
        #expect(try store.metricNames() == ["val_loss", "acc", "lr"])
        let last = try store.lastMetricValues()
        #expect(last["val_loss"] == [1: 0.8])
        #expect(last["acc"]?[1] == 0.6)
        #expect(last["acc"]?[0]?.isNaN == true)
        #expect(last["lr"] == [0: 0.1])
    }
}
