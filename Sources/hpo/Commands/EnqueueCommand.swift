import ArgumentParser
import Execution
import Foundation
import Search

/// `hpo enqueue RUN --lr 0.01 --layers 4` (or `--from FILE.csv`): configurations the run tries
/// next, before its strategy's own suggestions (Optuna's `enqueue_trial`).
struct EnqueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enqueue",
        abstract: "Ask a run to try these configurations next, before its strategy's suggestions.",
        usage: "hpo enqueue [--root <dir>] <run> (--<parameter> <value> ... | --from <file.csv>)",
        discussion: """
            Each value is checked against the run's parameters. A running run takes
            them at once, as its next trials; an ended one keeps them for
            hpo resume RUN --trials N. They count against the run's budget.
            --from reads a CSV file whose columns are named after parameters (a
            results.csv works; other columns are ignored): each row is one
            configuration.
            Examples:
              hpo enqueue lr-sweep --lr 0.01 --layers 4
              hpo enqueue lr-sweep --from best.csv
            """
    )

    @OptionGroup var location: RootOption

    @Option(help: ArgumentHelp("A CSV file of configurations, one a row, columns named after parameters.", valueName: "file"))
    var from: String?

    @Argument(help: ArgumentHelp("The run's name.", valueName: "run"))
    var runName: String

    @Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("One configuration: --name value for each parameter.", valueName: "values"))
    var values: [String] = []

    func run() throws {
        var arguments = values
        if arguments.first == "--" { arguments.removeFirst() }
        var from = self.from
        var rootOption = location.root
        // `--from` and `--root` written after the values are still hpo's (no parameter is named so).
        var rest: [String] = []
        var i = 0
        while i < arguments.count {
            if ["--from", "--root"].contains(arguments[i]), i + 1 < arguments.count {
                if arguments[i] == "--from" { from = arguments[i + 1] } else { rootOption = arguments[i + 1] }
                i += 2
            } else {
                rest.append(arguments[i])
                i += 1
            }
        }
        guard (from == nil) != rest.isEmpty else {
            throw InputError(from == nil
                ? "hpo enqueue \(runName): give a configuration (--lr 0.01 --layers 4) or --from FILE.csv"
                : "hpo enqueue \(runName): give --from FILE.csv or values on the command line, not both")
        }
        let root = RunRoot(option: rootOption, environment: ProcessInfo.processInfo.environment,
                           currentDirectory: FileManager.default.currentDirectoryPath)
        let (layout, store) = try root.open(runName, readOnly: false)
        let stored = try Sweep.storedSpec(of: layout)
        let configurations: [(configuration: Configuration, source: String)]
        if let from {
            configurations = try EnqueueInput.configurations(csv: from, space: stored.space)
        } else {
            let pairs = try EnqueueInput.pairs(rest)
            configurations = [(try EnqueueInput.configuration(pairs, space: stored.space, place: "hpo enqueue"),
                               "hpo enqueue")]
        }
        let ids = try store.enqueue(configurations, at: Date())
        let run = try store.run()
        let woke = run.state == .running && ControllerNudge.send(directory: layout.directory)
        let count = ids.count == 1 ? "1 configuration" : "\(ids.count) configurations"
        var lines = ["enqueued \(count) into run '\(run.name)' "
                     + "(\(configurations.map { Self.text($0.configuration, names: stored.space.names) }.joined(separator: "; ")))"]
        let waiting = try store.enqueued().count
        if run.state == .running {
            lines.append((woke ? "its controller takes them now" : "its controller takes them within a second")
                         + " as its next trials, within its budget (\(waiting) waiting)")
        } else {
            let total = try store.summary().total
            let rootText = location.root.map { " --root " + ShellQuoting.quote($0) } ?? ""
            lines.append("the run has ended (\(run.state.rawValue)); run the \(waiting) waiting with: "
                         + "hpo resume\(rootText) \(ShellQuoting.quote(run.name)) --trials \(total + waiting)")
        }
        StandardOutput.writeLines(lines)
    }

    /// `lr=0.01 layers=4`.
    static func text(_ configuration: Configuration, names: [String]) -> String {
        names.compactMap { name in configuration[name].map { "\(name)=\($0.commandLineText)" } }.joined(separator: " ")
    }
}
