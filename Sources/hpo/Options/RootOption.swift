import ArgumentParser
import Execution
import Foundation

/// `--root DIR`, which every command reading runs takes.
struct RootOption: ParsableArguments {
    @Option(help: ArgumentHelp("The directory that holds runs (default: $HPO_ROOT, else ./runs).", valueName: "dir"))
    var root: String?

    /// The root these options name, resolved against the current directory.
    func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) -> RunRoot {
        RunRoot(option: root, environment: environment, currentDirectory: FileManager.default.currentDirectoryPath)
    }
}
