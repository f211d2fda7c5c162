import ArgumentParser
import Execution
import Foundation
import Report

/// `hpo report RUN [-o FILE]`: one self-contained HTML file of a run.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a run's report: one HTML file with its plots, that opens offline.",
        discussion: """
            Optimization history, parallel coordinates, learning curves (pruned
            trials marked where they stopped), parameter importance, a slot
            timeline and the trial table, drawn as inline SVG: no script, nothing
            fetched from the network. Safe to run while the sweep goes on (it reads
            the run's store read-only); run it again for a newer picture.
            """
    )

    @OptionGroup var location: RootOption

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Where to write it (default: <run>/report.html; - for stdout).", valueName: "file"))
    var output: String?

    @Argument(help: ArgumentHelp("The run's name.", valueName: "run"))
    var runName: String

    func run() throws {
        do {
            let root = location.resolved()
            let layout = try root.layout(of: runName)
            // SQLite would wait for good on a FIFO put in the store's place.
            guard RunReport.storeFilesAreRegular(layout) else {
                throw RunFailure(message: "\(root.show(layout.database)) (or its -wal or -shm file) is not a regular file; "
                                 + "hpo reads a run only from its own store")
            }
            let store = try RunStore.open(layout: layout, readOnly: true)
            let html = ReportPage.html(try RunReport.load(from: store, modelGuess: true))
            if output == "-" {
                StandardOutput.write(html)
                return
            }
            let path = output ?? RunLayout.join(layout.directory, "report.html")
            do {
                try html.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw RunFailure(message: "cannot write \(path): \(error.localizedDescription)")
            }
            print("report: \(root.show(path))")
        }
    }
}
