import ArgumentParser
import Execution
import Foundation
import Report

/// `hpo report RUN [-o FILE]`: one self-contained HTML file of a run; `hpo report A B … -o
/// FILE`: one of several runs compared.
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

            Several runs (hpo report RUN_A RUN_B … -o compare.html): their facts
            side by side, their best-so-far histories on one chart (one colour per
            run) and their best trials' learning curves together; runs of different
            objectives get a chart each. Default file: <root>/compare.html.
            """
    )

    @OptionGroup var location: RootOption

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Where to write it (default: <run>/report.html, or <root>/compare.html for several runs; - for stdout).", valueName: "file"))
    var output: String?

    @Argument(help: ArgumentHelp("The run's name, or several runs' names to compare them.", valueName: "run"))
    var runNames: [String] = []

    func run() throws {
        do {
            let root = location.resolved()
            guard let runName = runNames.first else { throw InputError("hpo report needs a run: hpo report RUN") }
            if runNames.count > 1 { return try compare(root) }
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
            try write(html, to: output ?? RunLayout.join(layout.directory, "report.html"), root: root)
        }
    }

    /// `hpo report A B …`: the runs compared in one page.
    func compare(_ root: RunRoot) throws {
        let stores = try CompareCommand.open(runNames, in: root, command: "report")
        let html = ComparisonPage.html(try RunComparison.load(from: stores.map(\.store)))
        if output == "-" { return StandardOutput.write(html) }
        try write(html, to: output ?? RunLayout.join(root.path, "compare.html"), root: root)
    }

    func write(_ html: String, to path: String, root: RunRoot) throws {
        do {
            try html.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw RunFailure(message: "cannot write \(path): \(error.localizedDescription)")
        }
        print("report: \(root.show(path))")
    }
}
