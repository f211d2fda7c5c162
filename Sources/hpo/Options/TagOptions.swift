import ArgumentParser
import Execution

/// `--tag` and `--note` of `hpo run` and `hpo search`: the new run's tags and note (W&B's),
/// stored in its run.db; `hpo tag` changes them later.
struct TagOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A tag for the run, to find it by (hpo status --tag T); repeatable. Letters, digits and - _ . : / + = @.",
                               valueName: "tag"))
    var tag: [String] = []

    @Option(help: ArgumentHelp("A note saying what the run is for, shown by status, the report and the dashboard.",
                               valueName: "text"))
    var note: String?

    /// The long options of this group, for "did you mean" hints. Not warned of after the
    /// training command: `--tag` and `--note` are common flags of training scripts too.
    static let optionNames = ["--tag", "--note"]

    /// The tags and note given, each checked.
    /// - Throws: `TagError` (bad input) for a tag or note that cannot be stored.
    func validated() throws -> RunTags {
        for tag in tag { try RunTags.validate(tag) }
        if let note { try RunTags.validate(note: note) }
        return RunTags(tags: tag, note: note.flatMap { $0.isEmpty ? nil : $0 })
    }
}
