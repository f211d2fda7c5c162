import ArgumentParser
import Execution
import Foundation

/// `hpo clean RUN`: frees the disk a finished part of a run holds, keeping what matters.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Delete the checkpoints and artifacts of all but the best trials of a run.",
        discussion: """
            Keeps the checkpoints and artifacts of the --keep-best best succeeded
            trials and deletes those of every other finished trial. With --logs it
            also deletes their stdout.log and stderr.log, but keeps the logs of
            trials that failed, timed out, errored, were invalid or reported no
            metric: they say why. Never touched: unfinished trials (a resumed run
            needs their checkpoints), metrics, run.db, results.csv, the workspace
            snapshot. --dry-run lists what would go, with sizes.

            Deleting never leaves the run: a symbolic link (a checkpoints/ linked
            to scratch storage) is removed as a link, what it points to is never
            touched; a mount point below a trial is left alone.

            Refused while an hpo controls the run (it holds the run's lock).
            """
    )

    @OptionGroup var location: RootOption

    @Option(help: ArgumentHelp("How many of the best succeeded trials keep everything.", valueName: "k"))
    var keepBest = 3

    @Flag(help: "Also delete the logs of trials outside the best (logs of failed trials stay).")
    var logs = false

    @Flag(help: "List what would be deleted without deleting anything.")
    var dryRun = false

    @Argument(help: ArgumentHelp("The run's name.", valueName: "run"))
    var runName: String

    func run() throws {
        do {
            guard keepBest >= 0 else { throw InputError("--keep-best \(keepBest): must be 0 or more") }
            let root = location.resolved()
            let (layout, store) = try root.open(runName)
            // Hold the run's lock while deleting, so no hpo resume starts a trial meanwhile.
            let lock = try RunLock.acquire(directory: layout.directory)
            defer { lock.release() }
            let plan = RetentionPlan(trials: try store.trials(), goal: try store.run().goal, layout: layout,
                                     keepBest: keepBest, logs: logs)
            let kept = plan.kept.isEmpty ? "no succeeded trial" : "trial\(plan.kept.count == 1 ? "" : "s") "
                + plan.kept.map(String.init).joined(separator: ", ")
            for skip in plan.skipped { print("left alone: \(root.show(skip.path)) (\(skip.reason))") }
            guard !plan.deletions.isEmpty else {
                print("nothing to delete in run \(runName) (keeping \(kept))")
                return
            }
            if dryRun {
                for deletion in plan.deletions {
                    print("would delete \(root.show(deletion.path)) (\(CleanCommand.what(deletion)))")
                }
                print("would free \(ByteCount.text(plan.bytes)) in \(plan.deletions.count) entries; keeping \(kept)")
                return
            }
            let failures = plan.apply()
            for failure in failures { Terminal.printError("error: \(failure.reason)") }
            print("freed \(ByteCount.text(plan.bytes)) in \(plan.deletions.count - failures.count) entries; keeping \(kept)")
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }

    /// A deletion's size, or that it is a link whose target stays.
    static func what(_ deletion: RetentionPlan.Deletion) -> String {
        guard deletion.isLink else { return ByteCount.text(deletion.bytes) }
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: deletion.path)).map { " to \($0)" } ?? ""
        return "a symbolic link\(target): the link only"
    }
}
