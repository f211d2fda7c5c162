import ArgumentParser
import Execution
import Foundation
import Search
import SweepConfig

/// `hpo best RUN`: the best trial so far, with the command line that reproduces it.
struct BestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "best",
        abstract: "Show a run's best trial and the command line that reproduces it.",
        discussion: """
            The best trial is the succeeded trial with the lowest (minimize) or
            highest (maximize) objective; ties go to the earlier trial. Prints its
            parameters as the trial received them, its command line quoted for a
            shell, and where its files are. Exits 1 while no trial has succeeded
            with a finite objective (a trial that reports only NaN or infinity fails).

            A run with several objectives (--metric a:min --metric b:max) has no single
            best: hpo best lists its Pareto front, the trials no other trial beats in
            every objective, one row each, sorted by the first metric (feasible trials
            only, under outcome constraints).
            """
    )

    @OptionGroup var location: RootOption

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Flag(help: "Also list the best trial's artifacts (files in its HPO_ARTIFACTS_DIR).")
    var artifacts = false

    @Argument(help: ArgumentHelp("The run's name.", valueName: "run"))
    var runName: String

    func run() throws {
        do {
            let root = location.resolved()
            let (layout, store) = try root.open(runName)
            if store.isMultiObjective { return try printFront(store, layout: layout, root: root) }
            let summary = try store.summary()
            let run = summary.run
            guard let best = summary.best, let objective = best.objective else {
                // A run from before NaN-only trials were failed may hold succeeded ones without an objective.
                let succeeded = summary.counts[.succeeded] ?? 0
                let why = succeeded == 0 ? "no succeeded trial yet"
                    : "no trial with a finite objective yet: its \(succeeded) succeeded trial\(succeeded == 1 ? "" : "s") "
                        + "reported only NaN or infinity"
                Terminal.printError("error: run '\(run.name)' has \(why) (\(DisplayFormat.counts(summary.counts)))")
                throw ExitCode(1)
            }
            let directory = layout.trial(best.number).directory
            let metrics = try store.lastMetricValues(trials: [best.number])[best.number] ?? [:]
            let command = Result(catching: { () throws -> [String] in
                let spec = try SweepSpec(yaml: run.configurationYAML, path: layout.sweepFile)
                // A Swift driver's study (`Study.open(run:)`) has no command: the driver ran the trials.
                return spec.command.isEmpty ? [] : try spec.command.render(best.configuration, in: spec.space)
            })
            if json {
                let argv = try? command.get()
                StandardOutput.write(JSONOutput.object([
                    ("run", .string(run.name)),
                    ("metric", .string(run.metric)),
                    ("goal", .string(run.goal.rawValue)),
                    ("trial", RunJSON.trial(best, order: run.parameterNames, now: Date())),
                    ("command", argv.map { .array($0.map(JSONOutput.string)) } ?? .null),
                    ("command_line", .string(argv.map(ShellQuoting.join))),
                    ("directory", .string(directory)),
                    ("metrics", BestCommand.json(metrics)),
                ] + (artifacts ? [("artifacts", .array(Artifact.list(in: layout, trials: [best.number]).map { a in
                    .object([("path", .string(a.path)), ("bytes", .int(Int(a.size))), ("location", .string(a.location))])
                }))] : [])).bytes)
                return
            }
            var lines = ["run \(run.name): best of \(summary.counts[.succeeded] ?? 0) succeeded is trial \(best.number), "
                         + "\(run.metric) \(DisplayFormat.number(objective)) (\(run.goal.rawValue))"]
            let names = run.parameterNames.filter { best.configuration[$0] != nil }
            let nameWidth = names.map(\.count).max() ?? 0
            lines.append("parameters:")
            for name in names {
                let pad = String(repeating: " ", count: nameWidth - name.count)
                lines.append("  \(name)\(pad)  \(best.configuration[name]!.displayText)")
            }
            if !metrics.isEmpty { lines.append("metrics: " + BestCommand.text(metrics)) }
            switch command {
            case .success(let argv) where argv.isEmpty:
                break
            case .success(let argv):
                lines += ["command:", "  " + ShellQuoting.display(argv)]
            case .failure(let error):
                lines.append("command: unavailable: the run's stored configuration does not load (\(error))")
            }
            lines.append("files: \(root.show(directory))" + BestCommand.contents(of: directory))
            if artifacts {
                let found = Artifact.list(in: layout, trials: [best.number])
                lines.append("artifacts: \(root.show(layout.trial(best.number).artifacts))"
                             + (found.isEmpty ? " (empty)" : ""))
                lines += found.map { "  \($0.path) (\(ByteCount.text($0.size)))" }
            }
            StandardOutput.writeLines(lines)
        }
    }

    /// ` (artifacts/, metrics.jsonl, stdout.log)`: what the directory holds, directories
    /// marked with `/`; empty when it holds nothing or does not exist.
    static func contents(of directory: String) -> String {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        guard !entries.isEmpty else { return "" }
        let marked = entries.map { name in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
            return exists && isDirectory.boolValue ? name + "/" : name
        }
        return " (" + marked.joined(separator: ", ") + ")"
    }
}
