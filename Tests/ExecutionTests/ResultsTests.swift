import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Execution

/// Trials whose values need every kind of quoting.
func sampleTrials() -> [TrialRecord] {
    func trial(_ n: Int, _ state: TrialState, _ optimizer: String, _ lr: Double, objective: Double?, exit: Int32?, signal: Int32? = nil,
               attempt: Int = 1, started: Double? = 0, finished: Double? = 12.3456) -> TrialRecord {
        TrialRecord(number: n, configuration: ["optimizer": .string(optimizer), "lr": .real(lr)], state: state, attempt: attempt,
                    slots: [0], process: nil, createdAt: at(0), startedAt: started.map(at), finishedAt: finished.map(at),
                    exitCode: exit, signal: signal, objective: objective, steps: objective == nil ? nil : 10, explanation: nil)
    }
    return [
        trial(0, .succeeded, "adam", 0.001, objective: 0.1 + 0.2, exit: 0),
        trial(1, .failed, "sgd, momentum", 1e-05, objective: nil, exit: 1),
        trial(2, .pruned, "say \"hi\"", 0.5, objective: 1e-300, exit: nil, signal: 15, attempt: 2),
        trial(3, .cancelled, "multi\nline\r\nvalue", 100000.0, objective: nil, exit: nil, started: nil, finished: 5),
        trial(4, .succeeded, "ünï,cödé", 2.5, objective: -123456789.125, exit: 0),
    ]
}

@Suite("results.csv")
struct ResultsTests {
    let table = ResultsTable(parameterNames: ["optimizer", "lr"])

    @Test("header: trial, state, parameters in declared order, then the outcome columns")
    func header() {
        #expect(table.header == "trial,state,optimizer,lr,objective,steps,duration_s,exit_code,attempts\r\n")
    }

    @Test("RFC 4180 quoting: only fields with comma, quote, CR or LF are quoted, quotes doubled")
    func quoting() {
        #expect(CSVField.quoted("plain") == "plain")
        #expect(CSVField.quoted("a,b") == "\"a,b\"")
        #expect(CSVField.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVField.quoted("a\nb") == "\"a\nb\"")
        #expect(CSVField.quoted("a\rb") == "\"a\rb\"")
        #expect(CSVField.quoted("") == "")
    }

    @Test("the sample matches the golden file byte for byte")
    func golden() throws {
        let url = try #require(Bundle.module.url(forResource: "results-sample", withExtension: "csv", subdirectory: "Fixtures"))
        let golden = try String(contentsOf: url, encoding: .utf8)
        let dir = TemporaryDirectory()
        try ResultsFile.rebuild(at: dir.file("results.csv"), table: table, trials: sampleTrials())
        #expect(try String(contentsOfFile: dir.file("results.csv"), encoding: .utf8) == golden)
    }

    @Test("Python's csv module reads every field back exactly")
    func pythonReadsIt() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("results.csv")
        try ResultsFile.rebuild(at: path, table: table, trials: sampleTrials())
        let rows = try pythonRows(path)
        #expect(rows.first == table.columns)
        #expect(rows.count == 6)
        #expect(rows.dropFirst().map { $0[2] } == ["adam", "sgd, momentum", "say \"hi\"", "multi\nline\r\nvalue", "ünï,cödé"])
        #expect(rows[1] == ["0", "succeeded", "adam", "0.001", "0.30000000000000004", "10", "12.346", "0", "1"])
        #expect(rows[3][7] == "-15" && rows[3][8] == "2")
        #expect(rows[4][6] == "")   // never started: no duration
        // Objectives read back as the same doubles (shortest round-trip text).
        #expect(Double(rows[3][4]) == 1e-300 && Double(rows[5][4]) == -123456789.125)
    }

    @Test("appending writes the header once and one row per call; a reader sees whole rows only")
    func appendPath() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("results.csv")
        do {
            let file = try ResultsFile(path: path, table: table)
            for trial in sampleTrials().prefix(2) { try file.append(trial) }
        }
        let file = try ResultsFile(path: path, table: table)   // reopened: no second header
        for trial in sampleTrials().dropFirst(2) { try file.append(trial) }
        let rebuilt = dir.file("rebuilt.csv")
        try ResultsFile.rebuild(at: rebuilt, table: table, trials: sampleTrials().reversed())
        #expect(try String(contentsOfFile: path, encoding: .utf8) == String(contentsOfFile: rebuilt, encoding: .utf8))
    }

    @Test("each row is one write(2) on an O_APPEND descriptor: rows from two writers never interleave")
    func rowsNeverInterleave() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("results.csv")
        let first = try ResultsFile(path: path, table: table)
        let second = try ResultsFile(path: path, table: table)
        @Sendable func trial(_ n: Int, _ fill: String) -> TrialRecord {
            TrialRecord(number: n, configuration: ["optimizer": .string(String(repeating: fill, count: 3000)), "lr": .real(0.1)],
                        state: .succeeded, attempt: 1, slots: [], process: nil, createdAt: at(0), startedAt: nil, finishedAt: nil,
                        exitCode: 0, signal: nil, objective: 1, steps: 1, explanation: nil)
        }
        let other = Thread { for n in 0..<300 { try? second.append(trial(1000 + n, "b")) } }
        other.start()
        for n in 0..<300 { try first.append(trial(n, "a")) }
        while !other.isFinished { usleep(1000) }
        let rows = try pythonRows(path)
        #expect(rows.count == 601)
        for row in rows.dropFirst() {
            let n = Int(row[0])!
            #expect(row[2] == String(repeating: n < 1000 ? "a" : "b", count: 3000))
        }
    }

    @Test("rebuild from the store: final trials only, in number order, agreeing with the appended file")
    func rebuildFromStore() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let appended = try ResultsFile(path: dir.file("appended.csv"), table: ResultsTable(for: store), store: store)
        for n in [2, 0, 1] {
            try store.createTrial(number: n, configuration: ["lr": .real(Double(n) / 10), "optimizer": .string("a,\"b\"")], at: at(0))
        }
        try finish(store, 2, .succeeded, objective: 0.25)
        try appended.append(try #require(try store.trial(2)))
        try finish(store, 0, .failed, objective: nil, exitCode: 1)
        try appended.append(try #require(try store.trial(0)))
        try store.transition(trial: 1, to: .queued, at: at(1))   // not final: no row
        try ResultsFile.rebuild(at: dir.file("results.csv"), from: store)
        let rows = try pythonRows(dir.file("results.csv"))
        #expect(rows.map { $0[0] } == ["trial", "0", "2"])
        // best_val_loss is empty: the trial stored no point of its metric.
        #expect(rows[2] == ["2", "succeeded", "a,\"b\"", "0.2", "0.25", "3", "10.000", "0", "1", ""])
        // The appended file has the same rows, in finishing order.
        let appendedRows = try pythonRows(dir.file("appended.csv"))
        #expect(Set(appendedRows.dropFirst()) == Set(rows.dropFirst()))
        // The rebuild left no temporary file behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp") }.isEmpty)
    }

    /// Parses a CSV file with Python's csv module (an independent RFC 4180 reader).
    func pythonRows(_ path: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8") as f:
                print(json.dumps(list(csv.reader(f, strict=True))))
            """, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try JSONDecoder().decode([[String]].self, from: data)
    }
}
