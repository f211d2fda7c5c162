import ArgumentParser
import Execution
import Foundation

/// `hpo artifacts RUN [TRIAL]`: the files trials left in `HPO_ARTIFACTS_DIR`, listed or
/// copied out.
struct ArtifactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "artifacts",
        abstract: "List or download the files trials left in their artifacts directory.",
        discussion: """
            Lists trials/<n>/artifacts/ of every trial of the run, or of one trial:
            trial, size and path, one file a line. --match keeps the paths a regular
            expression matches; --download DIR copies them (one trial's files straight
            into DIR, a whole run's into DIR/<trial>/), refusing before copying
            anything when a file of the same name is already there.

            Examples:
              hpo artifacts brisk-heron-1
              hpo artifacts brisk-heron-1 3 --match '\\.pt$' --download ./model
            """
    )

    @OptionGroup var location: RootOption

    @Option(help: ArgumentHelp("Only paths this regular expression matches (anywhere in the path).", valueName: "regex"))
    var match: String?

    @Option(help: ArgumentHelp("Copy the files into this directory.", valueName: "dir"))
    var download: String?

    @Flag(help: "Print JSON instead of a list.")
    var json = false

    @Argument(help: ArgumentHelp("The run's name.", valueName: "run"))
    var runName: String

    @Argument(help: ArgumentHelp("A trial's number; without it, every trial.", valueName: "trial"))
    var trial: Int?

    func run() throws {
        do {
            let root = location.resolved()
            let (layout, store) = try root.open(runName)
            let trials: [Int]
            if let trial {
                trials = [try root.trial(trial, in: store).number]
            } else {
                trials = try store.trials().map(\.number)
            }
            let pattern: Regex<AnyRegexOutput>?
            do {
                pattern = try match.map { try Regex($0) }
            } catch {
                throw InputError("--match \"\(match ?? "")\": not a regular expression (\(error))")
            }
            let artifacts = Artifact.list(in: layout, trials: trials, matching: pattern)
            if let download {
                let copied = try Artifact.download(artifacts, to: download, perTrial: trial == nil)
                let bytes = artifacts.reduce(Int64(0)) { $0 + $1.size }
                print("copied \(copied.count) file\(copied.count == 1 ? "" : "s") (\(ByteCount.text(bytes))) to \(download)")
                return
            }
            if json {
                StandardOutput.write(JSONOutput.object([
                    ("run", .string(runName)),
                    ("artifacts", .array(artifacts.map { a in
                        .object([("trial", .int(a.trial)), ("path", .string(a.path)), ("bytes", .int(Int(a.size))),
                                 ("location", .string(a.location))])
                    })),
                ]).bytes)
                return
            }
            StandardOutput.writeLines(ArtifactsCommand.lines(artifacts, trials: trials.count, filtered: match != nil))
        }
    }

    /// `trial  size  path` lines, or a sentence saying there is nothing.
    static func lines(_ artifacts: [Artifact], trials: Int, filtered: Bool) -> [String] {
        guard !artifacts.isEmpty else {
            let which = trials == 1 ? "this trial" : "the run's trials"
            return ["no artifacts\(filtered ? " match" : "") in \(which) (trials write them to $HPO_ARTIFACTS_DIR)"]
        }
        let sizes = artifacts.map { ByteCount.text($0.size) }
        let trialWidth = max(5, artifacts.map { String($0.trial).count }.max() ?? 0)
        let sizeWidth = max(4, sizes.map(\.count).max() ?? 0)
        func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        var lines = [pad("trial", trialWidth) + "  " + pad("size", sizeWidth) + "  path"]
        for (artifact, size) in zip(artifacts, sizes) {
            lines.append(pad(String(artifact.trial), trialWidth) + "  " + pad(size, sizeWidth) + "  " + artifact.path)
        }
        return lines
    }
}
