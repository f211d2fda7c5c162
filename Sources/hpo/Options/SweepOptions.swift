import ArgumentParser
import Foundation
import Search
import SweepConfig

/// The options `hpo run` and `hpo search` share. Each one given overrides the sweep file.
struct SweepOptions: ParsableArguments {
    @Option(help: ArgumentHelp("grid, random or bayes (default: grid, or the sweep file's).", valueName: "name"))
    var strategy: String?

    @Option(help: ArgumentHelp("How many trials (default: the whole grid; random and bayes need it).", valueName: "n"))
    var trials: Int?

    @Option(help: ArgumentHelp("The run's seed: fixes random suggestions and pre-sampled draws such as uniform(0, 1, 5) (default: 0).", valueName: "n"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("The metric trials report to be optimized (default: objective).", valueName: "name"))
    var metric: String?

    @Option(help: ArgumentHelp("minimize or maximize the metric (default: minimize).", valueName: "goal"))
    var goal: String?

    @Option(help: ArgumentHelp("How many trials run at once (default: 1).", valueName: "n"))
    var parallel: Int?

    @Option(help: ArgumentHelp("GPU device ids trials may use, e.g. 0,1,2,3.", valueName: "ids"))
    var gpus: String?

    @Option(help: ArgumentHelp("A name for the run.", valueName: "name"))
    var name: String?

    @Flag(help: "Print the trials that would run, one command line each, without running anything.")
    var dryRun = false

    /// The long options of this group, for "did you mean" hints.
    static let optionNames = ["--strategy", "--trials", "--seed", "--metric", "--goal", "--parallel", "--gpus",
                              "--name", "--dry-run", "--help"]

    /// The error for an unrecognized option in front of the command, with a hint.
    static func unknownOption(_ option: String, command: String, extra: [String] = []) -> InputError {
        let name = String(option.prefix { $0 != "=" })
        let hint = NameSuggestion.closest(to: name, among: optionNames + extra).map { "; did you mean \($0)?" } ?? ""
        return InputError("unknown option '\(name)'\(hint) (see hpo \(command) --help)")
    }

    /// The options as overrides of a sweep, each checked.
    func overrides() throws -> SweepOverrides {
        var o = SweepOverrides(name: name, metricName: metric, trials: trials, seed: seed, parallel: parallel)
        if let strategy {
            guard let kind = StrategyKind(rawValue: strategy) else {
                let hint = NameSuggestion.closest(to: strategy, among: StrategyKind.allCases.map(\.rawValue))
                    .map { "; did you mean \($0)?" } ?? ""
                throw InputError("--strategy \"\(strategy)\": unknown strategy; choose grid, random or bayes\(hint)")
            }
            o.strategy = kind
        }
        if let goal {
            guard let g = Goal(rawValue: goal) else { throw InputError("--goal \"\(goal)\": choose minimize or maximize") }
            o.goal = g
        }
        if let trials, trials < 1 { throw InputError("--trials \(trials): must be at least 1") }
        if let parallel, parallel < 1 { throw InputError("--parallel \(parallel): must be at least 1") }
        if let metric, metric.isEmpty { throw InputError("--metric: the name is empty") }
        if let gpus {
            var ids: [Int] = []
            for part in gpus.split(separator: ",", omittingEmptySubsequences: false) {
                guard let id = Int(part.trimmingCharacters(in: .whitespaces)), id >= 0, !ids.contains(id) else {
                    throw InputError("--gpus \"\(gpus)\": list distinct device ids, e.g. 0,1,2,3")
                }
                ids.append(id)
            }
            o.gpus = ids
        }
        return o
    }
}
