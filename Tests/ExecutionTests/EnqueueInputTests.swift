import Foundation
import Testing
@testable import Execution

/// Configurations written by hand (`hpo enqueue`, `--from FILE.csv`), checked against a space.
@Suite struct EnqueueInputTests {
    static let space = try! SearchSpace([
        Parameter("lr", .real(low: 1e-4, high: 0.1, log: true)),
        Parameter("layers", .integer(low: 1, high: 8, log: false)),
        Parameter("optimizer", .categorical([.string("sgd"), .string("adam")])),
        Parameter("momentum", .real(low: 0, high: 0.99, log: false),
                  when: .equals("optimizer", .string("sgd"))),
    ])

    static func parse(_ arguments: [String]) throws -> Configuration {
        try EnqueueInput.configuration(try EnqueueInput.pairs(arguments), space: space, place: "hpo enqueue")
    }

    @Test func valuesAreReadAsACommandLineWritesThem() throws {
        #expect(try Self.parse(["--lr", "0.01", "--layers=4", "--optimizer", "adam"])
                == ["lr": .real(0.01), "layers": .int(4), "optimizer": .string("adam")])
        #expect(try Self.parse(["--lr", "1e-3", "--layers", "2", "--optimizer", "'sgd'", "--momentum", "0.9"])
                == ["lr": .real(0.001), "layers": .int(2), "optimizer": .string("sgd"), "momentum": .real(0.9)])
    }

    @Test func aValueOutsideTheSpaceNamesTheParameterAndWhatItTakes() {
        #expect(throws: EnqueueError.badValue(name: "lr", value: "0.5", place: "hpo enqueue",
                                              expected: SweepSyntax.text(for: Self.space["lr"]!.domain)!)) {
            try Self.parse(["--lr", "0.5", "--layers", "4", "--optimizer", "adam"])
        }
        #expect(throws: EnqueueError.badValue(name: "layers", value: "2.5", place: "hpo enqueue",
                                              expected: SweepSyntax.text(for: Self.space["layers"]!.domain)!)) {
            try Self.parse(["--lr", "0.01", "--layers", "2.5", "--optimizer", "adam"])
        }
    }

    @Test func anUnknownParameterGetsAHint() {
        #expect(throws: EnqueueError.unknownParameter(name: "lrr", place: "hpo enqueue", suggestion: "lr",
                                                      known: ["lr", "layers", "optimizer", "momentum"])) {
            try Self.parse(["--lrr", "0.01"])
        }
    }

    @Test func aMissingOrInactiveParameterIsAnError() {
        #expect(throws: EnqueueError.missingParameter(name: "optimizer", place: "hpo enqueue")) {
            try Self.parse(["--lr", "0.01", "--layers", "4"])
        }
        #expect(throws: EnqueueError.inactiveParameter(name: "momentum", place: "hpo enqueue",
                                                       condition: "optimizer == 'sgd'")) {
            try Self.parse(["--lr", "0.01", "--layers", "4", "--optimizer", "adam", "--momentum", "0.9"])
        }
    }

    @Test func aCSVFileGivesOneConfigurationARowAndIgnoresOtherColumns() throws {
        let dir = TemporaryDirectory()
        try "trial,state,lr,layers,optimizer,momentum,objective\r\n0,succeeded,0.01,4,adam,,0.5\r\n1,failed,0.001,2,sgd,0.9,\r\n"
            .write(toFile: dir.file("results.csv"), atomically: true, encoding: .utf8)
        let rows = try EnqueueInput.configurations(csv: dir.file("results.csv"), space: Self.space)
        #expect(rows.map(\.configuration) == [["lr": .real(0.01), "layers": .int(4), "optimizer": .string("adam")],
                                              ["lr": .real(0.001), "layers": .int(2), "optimizer": .string("sgd"),
                                               "momentum": .real(0.9)]])
        #expect(rows.map(\.source) == ["results.csv row 1", "results.csv row 2"])
    }

    @Test func aBadCellNamesTheRowAndLine() throws {
        let dir = TemporaryDirectory()
        try "lr,layers,optimizer\n0.01,4,adam\n0.01,9,adam\n".write(toFile: dir.file("c.csv"), atomically: true, encoding: .utf8)
        #expect(throws: EnqueueError.badValue(name: "layers", value: "9", place: dir.file("c.csv") + " row 2 (line 3)",
                                              expected: SweepSyntax.text(for: Self.space["layers"]!.domain)!)) {
            try EnqueueInput.configurations(csv: dir.file("c.csv"), space: Self.space)
        }
    }

    @Test func quotedCSVFieldsMayHoldCommasQuotesAndLineBreaks() {
        let records = CSVRecords.parse("a,b\n\"x, \"\"y\"\"\",\"two\nlines\"\n\n3,4")
        #expect(records.map(\.fields) == [["a", "b"], ["x, \"y\"", "two\nlines"], ["3", "4"]])
        #expect(records.map(\.line) == [1, 2, 5])
    }

    @Test func enqueuedConfigurationsAreStoredInOrderAndClaimedByTheirTrial() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let ids = try store.enqueue([(["lr": .real(0.1), "optimizer": .string("sgd")], "hpo enqueue"),
                                     (["lr": .real(0.2), "optimizer": .string("adam")], "c.csv row 1")], at: at(0))
        #expect(try store.pendingRequests().map(\.kind) == [.enqueue])
        try store.createTrial(number: 0, configuration: ["lr": .real(0.1), "optimizer": .string("sgd")], at: at(1))
        try store.claimEnqueued(ids[0], trial: 0)
        #expect(try store.enqueued().map(\.source) == ["c.csv row 1"])
        #expect(try store.enqueued(waitingOnly: false).map(\.trial) == [0, nil])
    }
}
