import Foundation
import Search

/// The learning-curve tasks of `Benchmarks/multifidelity/evaluator.py`, in one Python process
/// kept for the whole run: one JSON request per line on its stdin, one answer per line on its
/// stdout, so a step costs a pipe round trip rather than Python's start-up.
public final class PythonEvaluator: LearningCurveEvaluator {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    /// Bytes read past the last answer's newline.
    private var buffer = Data()

    /// Starts `python evaluator` (its folder must hold `tasks.py`); `python` is a path or a
    /// name looked up in PATH.
    /// - Throws: when the process cannot be started.
    public init(python: String, evaluator: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, evaluator]
        // One BLAS thread: the runs go in parallel, one evaluator each.
        var environment = ProcessInfo.processInfo.environment
        for name in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] { environment[name] = "1" }
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    public func describe(task: String) throws -> LearningCurveTask {
        let answer = try request(["op": "describe", "task": task])
        guard let length = answer["length"] as? Int, let items = answer["space"] as? [[String: Any]] else {
            throw EvaluatorError.badAnswer(request: "describe \(task)", answer: "\(answer)")
        }
        let parameters = try items.map { item -> Parameter in
            guard let name = item["name"] as? String, let kind = item["kind"] as? String,
                  let low = item["low"] as? Double, let high = item["high"] as? Double, let log = item["log"] as? Bool
            else { throw EvaluatorError.badAnswer(request: "describe \(task)", answer: "\(item)") }
            return Parameter(name, kind == "int" ? .integer(low: Int(low), high: Int(high), log: log)
                                                 : .real(low: low, high: high, log: log))
        }
        return LearningCurveTask(name: task, space: try SearchSpace(parameters), length: length,
                                 optimum: answer["optimum"] as? Double)
    }

    public func start(trial: Int, task: String, configuration: Configuration) throws {
        let config = configuration.values.mapValues { value -> Any in
            switch value {
            case .int(let i): return i
            case .real(let x): return x
            case .bool(let b): return b
            case .string(let s): return s
            }
        }
        _ = try request(["op": "start", "id": trial, "task": task, "config": config])
    }

    public func step(trial: Int) throws -> Double {
        let answer = try request(["op": "step", "id": trial])
        guard let value = answer["value"] as? Double else {
            throw EvaluatorError.badAnswer(request: "step \(trial)", answer: "\(answer)")
        }
        return value
    }

    public func stop(trial: Int) throws {
        _ = try request(["op": "stop", "id": trial])
    }

    /// Writes one request and reads its answer (public for other evaluators speaking JSON lines,
    /// such as `multiobjective/evaluator.py`).
    public func request(_ object: [String: Any]) throws -> [String: Any] {
        var line = try JSONSerialization.data(withJSONObject: object)
        line.append(0x0A)
        try input.fileHandleForWriting.write(contentsOf: line)
        while !buffer.contains(0x0A) {
            // availableData returns what the pipe holds once anything is there (read(upToCount:)
            // would wait for the count or the end); empty means the process closed its stdout.
            let more = output.fileHandleForReading.availableData
            guard !more.isEmpty else {
                throw EvaluatorError.exited(request: String(decoding: line, as: UTF8.self))
            }
            buffer.append(more)
        }
        let end = buffer.firstIndex(of: 0x0A)!
        let answerLine = buffer[buffer.startIndex..<end]
        buffer = Data(buffer[(end + 1)...])
        guard let answer = try JSONSerialization.jsonObject(with: answerLine) as? [String: Any] else {
            throw EvaluatorError.badAnswer(request: String(decoding: line, as: UTF8.self),
                                           answer: String(decoding: answerLine, as: UTF8.self))
        }
        if let message = answer["error"] as? String {
            throw EvaluatorError.failed(request: String(decoding: line, as: UTF8.self), message: message)
        }
        return answer
    }
}

/// What went wrong talking to the evaluator process.
public enum EvaluatorError: Error, CustomStringConvertible {
    /// The process ended before answering.
    case exited(request: String)
    /// The answer was not the JSON expected.
    case badAnswer(request: String, answer: String)
    /// The evaluator answered with an error.
    case failed(request: String, message: String)

    public var description: String {
        switch self {
        case .exited(let request):
            return "the evaluator process exited before answering \(request)— run it by hand to see its error"
        case .badAnswer(let request, let answer):
            return "the evaluator answered \(request) with \(answer), not what hpo-bench expects"
        case .failed(let request, let message):
            return "the evaluator failed on \(request): \(message)"
        }
    }
}
