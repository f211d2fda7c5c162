import Foundation
import Testing
@testable import Execution

/// Runs small sweeps of real processes in a scratch directory.
struct SweepHarness {
    let scratch = Scratch()
    var root: String { scratch.file("runs") }

    /// Writes a Python trial script and returns its path.
    func script(_ name: String, _ body: String) -> String {
        scratch.write(name, "import json, os, sys, time\n" + body)
        return scratch.file(name)
    }

    /// Runs `command` (with `{placeholders}`) over `space` to its end.
    func run(_ command: [String], space: [Parameter], strategy: any Strategy = GridStrategy(),
             kind: StrategyKind = .grid, trials: Int? = nil, parallel: Int = 1, slots: SlotLedger? = nil,
             metric: SweepMetric = SweepMetric(), name: String = "test",
             configure: (inout ExecutionOptions) -> Void = { _ in },
             observer: @escaping (ControllerEvent) -> Void = { _ in },
             during: ((Sweep) -> Void)? = nil) throws -> (sweep: Sweep, state: RunState) {
        let spec = SweepSpec(name: name, command: try CommandTemplate(parsing: command), metric: metric,
                             strategy: kind, trials: trials, seed: 1, parallel: parallel,
                             space: try SearchSpace(space))
        var options = ExecutionOptions(workingDirectory: scratch.path,
                                       environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        options.grace = .milliseconds(500)
        configure(&options)
        let sweep = try Sweep.create(spec, strategy: strategy, root: root, slots: slots, options: options, observer: observer)
        during?(sweep)
        let state = try sweep.controller.run()
        return (sweep, state)
    }

    /// results.csv's rows (header first) split on commas (tests keep values comma-free).
    func csvRows(_ sweep: Sweep) -> [[String]] {
        let text = (try? String(contentsOfFile: sweep.layout.resultsFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func remove() { scratch.remove() }
}

extension Parameter {
    static func ints(_ name: String, _ values: [Int]) -> Parameter {
        Parameter(name, .ordinal(values.map { .int($0) }))
    }
}
