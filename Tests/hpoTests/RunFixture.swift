import Execution
import Foundation
import Search
import SweepConfig
#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under /tmp holding a `runs/` root, removed when released. Runs are
/// made through the store API, as a controller would make them.
final class RunFixture {
    /// The temporary directory: the working directory of the `hpo` processes tests start.
    let directory: String
    /// `<directory>/runs`, the default root seen from `directory`.
    var root: String { directory + "/runs" }

    init() {
        var template = Array("/tmp/hpo-cli-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        directory = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// A fixed clock: store times are given, never read.
    static let epoch = Date(timeIntervalSince1970: 1_750_000_000)
    static func at(_ seconds: Double) -> Date { epoch.addingTimeInterval(seconds) }

    /// The sweep of `hpo run train.py --lr "[0.1, 0.01]" --optimizer "['sgd', 'adam']" …`,
    /// made the way `hpo run` makes it.
    static func spec(_ argv: [String] = ["python3", "train.py", "--lr", "[0.1, 0.01]", "--optimizer", "['sgd', 'adam']"],
                     metric: String = "val_loss", goal: Goal = .minimize) throws -> SweepSpec {
        let inline = try CommandLineSweep(parsing: argv, seed: 0)
        var spec = SweepSpec(command: inline.template, space: inline.space)
        spec.metric = SweepMetric(name: metric, goal: goal)
        return spec
    }

    /// Creates run `name` under `root` (default: this fixture's) from `spec`.
    @discardableResult
    func makeRun(_ name: String, spec: SweepSpec, createdAt: Date = RunFixture.epoch,
                 root: String? = nil) throws -> (layout: RunLayout, store: RunStore) {
        let layout = try RunLayout(root: root ?? self.root, name: name)
        try layout.createDirectories()
        let info = RunInfo(name: name, createdAt: createdAt, configurationYAML: spec.yaml, seed: spec.seed,
                           strategy: spec.strategy.rawValue, goal: spec.metric.goal, metric: spec.metric.name,
                           parameterNames: spec.space.names)
        return (layout, try RunStore.create(layout: layout, run: info))
    }

    /// Names this test process in the run's lock file, as a controller working on the run
    /// would (without holding the lock): `hpo status` then sees a live controller and shows a
    /// run stored `running` as running rather than interrupted.
    static func markControlled(_ layout: RunLayout) throws {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .replacingOccurrences(of: " ", with: "_")
        let since = ISO8601DateFormatter().string(from: Date())
        try write("\(getpid()) \(host.isEmpty ? "localhost" : host) \(since)\n", to: layout.directory + "/lock")
    }

    /// Writes `text` to `path`, replacing it.
    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Appends `text` to `path`.
    static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }
}

extension RunStore {
    /// Creates trial `number` and takes it to `running`, launched at `start`.
    func launch(_ number: Int, _ configuration: Configuration, start: Date) throws {
        try createTrial(number: number, configuration: configuration, at: start.addingTimeInterval(-2), queued: true)
        try recordStarting(trial: number, slots: [], at: start.addingTimeInterval(-1))
        try recordLaunch(trial: number, process: ProcessRecord(pid: 1000 + Int32(number), processGroup: 1000 + Int32(number),
                                                                startTime: 1), at: start)
    }

    /// Creates trial `number`, runs it from `start` for `seconds` and finishes it as `state`.
    func finished(_ number: Int, _ configuration: Configuration, _ state: TrialState, objective: Double? = nil,
                  exitCode: Int32? = 0, signal: Int32? = nil, explanation: String? = nil,
                  start: Date, seconds: Double) throws {
        try launch(number, configuration, start: start)
        try recordFinish(trial: number, state: state, exitCode: exitCode, signal: signal, objective: objective,
                         steps: objective == nil ? nil : 10, explanation: explanation,
                         at: start.addingTimeInterval(seconds))
    }
}
