/// How the sweep given to `hpo resume` differs from the one the run was started with.
///
/// What is searched and how — the command, the parameters, the strategy, the seed, the
/// metric and its goal, the outcome constraints, the early-stopping rule and its options, the
/// backend, the ranks —
/// must stay the same for the resumed run to be the run it was (trials already pruned were
/// judged by the rule; the store's jobs belong to the backend): a change there is refused
/// unless forced, and shown as a diff of the two resolved configurations. The budget
/// (`trials`), `parallel` and `gpus` may change freely (to extend a finished run, to use
/// more GPUs).
public struct SweepChange: Sendable, Hashable {
    /// The run's stored sweep.
    public let stored: SweepSpec
    /// The sweep given now.
    public let given: SweepSpec

    /// Compares two sweeps.
    public init(stored: SweepSpec, given: SweepSpec) {
        self.stored = stored
        self.given = given
    }

    /// `stored` with the freely changeable settings of `given`: equal to `given` exactly when
    /// the search is unchanged.
    var storedSearch: SweepSpec {
        var s = stored
        s.name = given.name
        s.trials = given.trials
        s.parallel = given.parallel
        s.gpus = given.gpus
        return s
    }

    /// True when anything but the budget, `parallel` and `gpus` differs.
    public var changesTheSearch: Bool { storedSearch != given }

    /// True when anything differs.
    public var isEmpty: Bool { stored == given }

    /// The lines of the resolved configurations that differ in the search, `-` stored and
    /// `+` given, each change under the name of the section it is in; empty when none do.
    public var diff: String {
        SweepChange.lineDiff(storedSearch.yaml, given.yaml)
    }

    /// The settings that differ and are taken as given: `trials: 30 → 50`.
    public var settings: [String] {
        var out: [String] = []
        func text<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "unset" }
        if stored.trials != given.trials { out.append("trials: \(text(stored.trials)) → \(text(given.trials))") }
        if stored.parallel != given.parallel { out.append("parallel: \(stored.parallel) → \(given.parallel)") }
        if stored.gpus != given.gpus { out.append("gpus: \(stored.gpus) → \(given.gpus)") }
        return out
    }

    /// A line diff (longest common subsequence) showing only changed lines; an indented
    /// change is preceded by its section's unindented line, once a hunk.
    static func lineDiff(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // common[i][j]: the longest common subsequence of x[i...] and y[j...].
        var common = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                common[i][j] = x[i] == y[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var out: [String] = []
        var section: String?
        var shown: String?
        var inHunk = false
        func emit(_ mark: String, _ line: String) {
            if !inHunk, line.hasPrefix(" "), let section, section != shown {
                out.append("  " + section)
                shown = section
            }
            inHunk = true
            out.append(mark + " " + line)
        }
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count && j < y.count && x[i] == y[j] {
                if !x[i].hasPrefix(" ") { section = x[i] }
                inHunk = false
                i += 1
                j += 1
            } else if i < x.count && (j == y.count || common[i + 1][j] >= common[i][j + 1]) {
                emit("-", x[i])
                if !x[i].hasPrefix(" ") { section = x[i] }
                i += 1
            } else {
                emit("+", y[j])
                j += 1
            }
        }
        return out.joined(separator: "\n")
    }
}
