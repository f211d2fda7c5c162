import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import Execution

/// A fresh directory under /tmp, removed when released.
final class TemporaryDirectory {
    let path: String

    init(_ label: String = "hpo-test") {
        var template = Array("/tmp/\(label)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

/// A fixed clock for tests: time is passed in, never read.
let epoch = Date(timeIntervalSince1970: 1_750_000_000)
func at(_ seconds: Double) -> Date { epoch.addingTimeInterval(seconds) }

/// A run with two parameters in declared order (lr before optimizer, not alphabetical).
func sampleRun(name: String = "brisk-heron-1", goal: Goal = .minimize) -> RunInfo {
    RunInfo(name: name, createdAt: epoch, configurationYAML: "metric: val_loss\n", seed: 7,
            strategy: "random", goal: goal, metric: "val_loss", parameterNames: ["optimizer", "lr"])
}

/// A new store in a temporary directory.
func makeStore(_ dir: TemporaryDirectory, goal: Goal = .minimize) throws -> RunStore {
    try RunStore.create(at: dir.file("run.db"), run: sampleRun(goal: goal))
}

/// Walks a trial through queued → starting → running → a final state.
func finish(_ store: RunStore, _ number: Int, _ state: TrialState = .succeeded, objective: Double? = nil,
            exitCode: Int32? = 0, start: Double = 0) throws {
    try store.transition(trial: number, to: .queued, at: at(start + 1))
    try store.recordStarting(trial: number, slots: [0], at: at(start + 2))
    try store.recordLaunch(trial: number, process: ProcessRecord(pid: 100 + Int32(number), processGroup: 100 + Int32(number), startTime: 5),
                           at: at(start + 3))
    try store.recordFinish(trial: number, state: state, exitCode: exitCode, objective: objective, steps: 3, at: at(start + 13))
}
