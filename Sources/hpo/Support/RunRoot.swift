import Execution
import Foundation
import Search

/// The directory that holds runs, and finding a run in it by name, with the messages a
/// person gets when a name is wrong.
struct RunRoot {
    /// The absolute path of the root.
    let path: String
    /// The root as messages show it: relative to the current directory when inside it
    /// (`./runs`), else absolute.
    let display: String

    /// The root from `--root`, else `HPO_ROOT`, else `./runs`.
    init(option: String?, environment: [String: String], currentDirectory: String) {
        path = RunLayout.resolveRoot(option: option, environment: environment, currentDirectory: currentDirectory)
        display = RunRoot.relative(path, to: currentDirectory)
    }

    /// The names of the runs in the root (directories holding a `run.db`), sorted; empty
    /// when the root does not exist.
    func runNames() -> [String] {
        RunLayout.runNames(inRoot: path)
    }

    /// The layout of the run called `name`.
    /// - Throws: `InputError` when the name is not a run name or no such run is in the root.
    func layout(of name: String) throws -> RunLayout {
        let layout = try RunLayout(root: path, name: name)
        guard FileManager.default.fileExists(atPath: layout.database) else { throw missingRun(name) }
        return layout
    }

    /// Opens the run called `name`: read-only (for views: it never blocks or slows the
    /// controller writing the run), or read-write for the rare writer (`hpo cancel`).
    func open(_ name: String, readOnly: Bool = true) throws -> (layout: RunLayout, store: RunStore) {
        let layout = try layout(of: name)
        return (layout, try RunStore.open(layout: layout, readOnly: readOnly))
    }

    /// The trial `number` of `store`'s run.
    /// - Throws: `InputError` naming the trials the run has, when it has no such trial.
    func trial(_ number: Int, in store: RunStore) throws -> TrialRecord {
        if let trial = try store.trial(number) { return trial }
        let numbers = try store.trials().map(\.number)
        let there = numbers.isEmpty ? "it has no trials yet" : "trials there: \(RunRoot.numberRanges(numbers))"
        throw InputError("no trial \(number) in run '\(store.runName)' (\(there))")
    }

    /// A path for a person: relative to the current directory when inside it.
    func show(_ path: String) -> String {
        RunRoot.relative(path, to: FileManager.default.currentDirectoryPath)
    }

    /// `no run named 'x' in ./runs (runs there: a, b)`, with a "did you mean" when a run's
    /// name is one or two typos away.
    func missingRun(_ name: String) -> InputError {
        let names = runNames()
        var message = "no run named '\(name)' in \(display)"
        if names.isEmpty {
            let exists = FileManager.default.fileExists(atPath: path)
            message += exists ? " (it holds no runs)" : " (the directory does not exist; --root or HPO_ROOT picks another)"
        } else {
            let shown = names.count > 12 ? names.prefix(12).joined(separator: ", ") + ", … (\(names.count) in all)"
                                         : names.joined(separator: ", ")
            message += " (runs there: \(shown))"
            if let near = NameSuggestion.closest(to: name, among: names) { message += "; did you mean \(near)?" }
        }
        return InputError(message)
    }

    /// Numbers as ranges: `1–12`, `1–3, 7, 9–10`.
    static func numberRanges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        let sorted = numbers.sorted()
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(j == i ? "\(sorted[i])" : "\(sorted[i])–\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }

    /// `path` relative to `directory` when inside it (`./runs/x`), else unchanged.
    static func relative(_ path: String, to directory: String) -> String {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        if path.hasPrefix(base) && path.count > base.count { return "./" + path.dropFirst(base.count) }
        return path
    }
}
