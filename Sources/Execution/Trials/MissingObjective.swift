/// What hpo tells the person whose trial exited 0 without ever reporting the objective metric
/// (`no_metric`): which metrics the trial did report, and which `--metric` probably was meant.
///
/// The usual cause is a sweep started without `--metric`: every trial then trains to its end
/// and is recorded `no_metric`, because the default objective is named `objective`. Saying
/// `it reported val_loss, val_accuracy: use --metric val_loss` turns that into a one-flag fix.
public struct MissingObjective: Sendable, Hashable {
    /// The objective the run waits for.
    public var metric: String
    /// Whether smaller or larger is better (it picks the likelier suggestion).
    public var goal: Goal
    /// The metrics the trial reported, in the order of their first report.
    public var reported: [String]

    /// Describes a trial that reported `reported` but not `metric`.
    public init(metric: String, goal: Goal, reported: [String]) {
        self.metric = metric
        self.goal = goal
        self.reported = reported
    }

    /// The reported metric most likely meant: one spelt nearly like `metric` (a typo), else
    /// one whose name fits the goal (`loss`, `error`… when minimizing; `acc`, `score`… when
    /// maximizing), a validation metric before a training one, else the first reported.
    public var suggestion: String? {
        if let typo = NameSuggestion.closest(to: metric, among: reported) { return typo }
        let words = goal == .minimize ? Self.minimizedWords : Self.maximizedWords
        func score(_ name: String) -> Int {
            let lower = name.lowercased()
            let fits = words.contains { lower.contains($0) } ? 2 : 0
            let held = Self.heldOutPrefixes.contains { lower.hasPrefix($0) } ? 1 : 0
            return fits + held
        }
        // max(by:) keeps the last of equals; the first reported should win a tie.
        return reported.enumerated().max { a, b in
            let (sa, sb) = (score(a.element), score(b.element))
            return sa != sb ? sa < sb : a.offset > b.offset
        }?.element
    }

    /// The end of a `no_metric` trial's explanation:
    /// `it reported val_loss, val_accuracy: use --metric val_loss`, or, when it reported
    /// nothing, how to report.
    public var hint: String {
        guard let suggestion else {
            return "it reported no metric at all: append {\"\(metric)\": …} lines to $HPO_METRICS_FILE, "
                + "or read them from stdout with --metric-pattern default"
        }
        return "it reported \(reported.joined(separator: ", ")): use --metric \(suggestion)"
    }

    /// Why a trial is `no_metric`, for `hpo status` and the sweep's log.
    public var explanation: String {
        "exited 0 without reporting the metric '\(metric)'; \(hint)"
    }

    /// Why the sweep stops launching when trial `trial` ended so before any trial reported
    /// the objective: the others run the same command, so they would not report it either.
    /// `running` trials are left to finish.
    public func stopMessage(trial: Int, running: Int) -> String {
        let what = reported.isEmpty ? "trial \(trial) reported no metric at all"
                                    : "trial \(trial) reported \(reported.joined(separator: ", "))"
        let fix = suggestion.map { "start it again with --metric \($0)" }
            ?? "report it from the trials (or read stdout with --metric-pattern default)"
        let rest = running == 0 ? "" : "; the \(running) running trial\(running == 1 ? "" : "s") finish\(running == 1 ? "es" : "")"
        return "stopping the sweep: no trial has reported the metric '\(metric)' (\(what)): \(fix), "
            + "or pass --allow-missing-metric to go on anyway\(rest)"
    }

    static let minimizedWords = ["loss", "error", "err", "mse", "mae", "rmse", "perplexity", "ppl", "regret", "cost"]
    static let maximizedWords = ["acc", "score", "f1", "auc", "precision", "recall", "reward", "return", "map", "iou",
                                 "bleu", "r2"]
    static let heldOutPrefixes = ["val", "valid", "eval", "test", "dev"]
}
