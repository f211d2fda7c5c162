import Foundation
import Search
import Testing
@testable import LearningCurves

/// The Python side of the benchmark, run with a bare python3 (the synthetic tasks need no
/// packages): its closed forms checked by `multifidelity/test_tasks.py`, and the evaluator's
/// protocol as `PythonEvaluator` speaks it.
@Suite struct PythonEvaluatorTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../multifidelity").standardized

    @Test func theClosedFormsAndTheEvaluatorPassTheirPythonChecks() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.folder.appendingPathComponent("test_tasks.py").path]
        process.currentDirectoryURL = Self.folder
        let output = Pipe()
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    @Test func aTrialAtBraninsMinimizerReachesTheKnownOptimumAtStepR() throws {
        let evaluator = try PythonEvaluator(python: "python3",
                                            evaluator: Self.folder.appendingPathComponent("evaluator.py").path)
        let task = try evaluator.describe(task: "branin-mf")
        #expect(task.length == 81)
        #expect(task.space.names == ["x1", "x2"])
        let optimum = try #require(task.optimum)
        #expect(abs(optimum - 0.397887) < 1e-6)
        try evaluator.start(trial: 0, task: "branin-mf", configuration: ["x1": .real(Double.pi), "x2": .real(2.275)])
        var values: [Double] = []
        for _ in 0..<task.length { values.append(try evaluator.step(trial: 0)) }
        #expect(abs(values.last! - optimum) < 1e-6)
        // Lower fidelities of the multi-fidelity Branin differ from the full one.
        #expect(abs(values[0] - optimum) > 1e-3)
        try evaluator.stop(trial: 0)
        #expect(throws: EvaluatorError.self) { try evaluator.step(trial: 0) }
    }

    @Test func describingAnUnknownTaskNamesItInTheError() throws {
        let evaluator = try PythonEvaluator(python: "python3",
                                            evaluator: Self.folder.appendingPathComponent("evaluator.py").path)
        #expect {
            _ = try evaluator.describe(task: "no-such-task")
        } throws: { error in
            "\(error)".contains("no-such-task")
        }
    }
}
