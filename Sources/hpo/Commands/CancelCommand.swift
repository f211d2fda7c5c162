import ArgumentParser
import Execution
import Foundation
import Search

/// `hpo cancel RUN [TRIAL]`: asks a run's controller, from another terminal, to cancel one
/// trial or the whole run. The request goes through the run's store; the controller
/// carries it out (stops the process group, records the trial `cancelled`).
struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Ask a running sweep to cancel one trial, or the whole run.",
        discussion: """
            With a trial, the controller stops that trial (or drops it from the
            queue) and the sweep goes on. Without one, it stops every running trial,
            starts no new one, and the run ends as cancelled.

            The request is stored in the run, where the run's controller picks it
            up within moments. A run or trial that has already ended is refused.

            Examples:
              hpo cancel brisk-heron-1 7
              hpo cancel brisk-heron-1 --reason "wrong data set"
            """
    )

    @OptionGroup var location: RootOption

    @Option(help: ArgumentHelp("Why, kept with the request (default: who asked).", valueName: "text"))
    var reason: String?

    @Argument(help: ArgumentHelp("The run's name.", valueName: "run"))
    var runName: String

    @Argument(help: ArgumentHelp("The trial's number; without it, the whole run.", valueName: "trial"))
    var trialNumber: Int?

    func run() throws {
        do {
            let root = location.resolved()
            let (layout, store) = try root.open(runName, readOnly: false)
            let run = try store.run()
            guard run.state == .running else {
                throw InputError("run '\(run.name)' has already ended (\(run.state)); there is nothing to cancel")
            }
            var target = "cancel"
            if let trialNumber {
                let trial = try root.trial(trialNumber, in: store)
                guard !trial.state.isFinal else {
                    throw InputError("trial \(trialNumber) of run '\(run.name)' has already ended (\(trial.state)); there is nothing to cancel")
                }
                target = "cancel trial \(trialNumber), which is \(trial.state)"
            }
            let user = ProcessInfo.processInfo.environment["USER"].map { " by \($0)" } ?? ""
            let note = reason ?? "hpo cancel\(user)"
            let id = try store.requestCancel(trial: trialNumber, at: Date(), note: note)
            // Wake the controller to read it now; without the nudge it finds it within 200 ms.
            ControllerNudge.send(directory: layout.directory)
            var lines = ["asked run '\(run.name)' to \(target) (request \(id))"]
            if trialNumber == nil {
                let counts = try store.countsByState()
                let active = TrialState.allCases.filter { !$0.isFinal }.reduce(0) { $0 + (counts[$1] ?? 0) }
                lines.append("its controller stops the \(DisplayFormat.trials(active)) not yet ended and starts no new one")
            }
            let rootOption = location.root.map { " --root " + ShellQuoting.quote($0) } ?? ""
            lines.append("hpo status\(rootOption) \(ShellQuoting.quote(run.name)) shows when it is done")
            StandardOutput.writeLines(lines)
        }
    }
}
