import ArgumentParser
import BenchmarkFunctions
import Foundation
import Search

/// `hpo-bench`: hpo's side of the benchmark suite, in process (the library as a Swift
/// training driver uses it). `Benchmarks/run-all.sh` runs it beside the peers.
@main
struct HPOBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hpo-bench",
        abstract: "Quality and speed of hpo's strategies on standard test functions.",
        subcommands: [Quality.self, Speed.self, EarlyStoppingCost.self, MultiFidelity.self, MultiObjective.self]
    )
}

/// One finished optimization run, as a JSON line.
struct RunRecord: Codable {
    var function: String
    var method: String
    var seed: Int
    var regret: Double
    var best: Double
    var evaluations: Int
    var seconds: Double
    /// How a run with slots kept its pending trials apart (`BayesStrategy.BatchMethod`); nil otherwise.
    var batch: String?
}

/// Writes JSON lines to a file (appending) or stdout, one call at a time.
final class JSONLines: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    init(path: String?) throws {
        if let path {
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            handle.seekToEndOfFile()
        } else {
            handle = FileHandle.standardOutput
        }
    }

    func write<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard var data = try? encoder.encode(value) else { return }
        data.append(0x0A)
        lock.lock()
        handle.write(data)
        lock.unlock()
    }
}

/// Seconds of `body`, on the monotonic clock.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
