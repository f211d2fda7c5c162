import ArgumentParser
import Execution
import Foundation

/// `hpo tag RUN [--add T]… [--remove T]… [--note TEXT]`: changes a run's tags and note,
/// then prints them. With no option it only prints them.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Add or remove a run's tags, or set its note; without options, print them.",
        discussion: """
            Tags find runs (hpo status --tag T lists the runs that have T); the
            note says in words what a run was for. Both are shown by status, the
            report and the dashboard, and change nothing of the sweep: a running
            run can be tagged. A tag is 1 to 64 letters, digits and - _ . : / + = @.
            --note "" removes the note. Tags given at start: hpo run --tag T
            --note TEXT (hpo search too).
            """
    )

    @OptionGroup var location: RootOption

    @Option(help: ArgumentHelp("A tag to add (repeatable).", valueName: "tag"))
    var add: [String] = []

    @Option(help: ArgumentHelp("A tag to remove (repeatable).", valueName: "tag"))
    var remove: [String] = []

    @Option(help: ArgumentHelp("The run's note (\"\" removes it).", valueName: "text"))
    var note: String?

    @Argument(help: ArgumentHelp("The run's name.", valueName: "run"))
    var runName: String

    func run() throws {
        for tag in add + remove { try RunTags.validate(tag) }
        if let note { try RunTags.validate(note: note) }
        if let both = add.first(where: remove.contains) {
            throw InputError("tag '\(both)' is given to both --add and --remove; give it to one")
        }
        let root = location.resolved()
        let changes = !add.isEmpty || !remove.isEmpty || note != nil
        let (_, store) = try root.open(runName, readOnly: !changes)
        if changes { try store.updateTags(add: add, remove: remove, note: note) }
        let tags = try store.tags()
        print("run \(runName): tags " + (tags.tags.isEmpty ? "(none)" : tags.tags.joined(separator: ", ")))
        if let note = tags.note { print("note: \(note)") }
    }
}
