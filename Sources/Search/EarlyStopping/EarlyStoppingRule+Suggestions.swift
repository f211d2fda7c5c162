extension EarlyStoppingRule {
    /// Names other tools use for the same rule or option (Optuna, Ray Tune, W&B Sweeps,
    /// Keras), mapped to ours. They are not accepted — one spelling keeps sweep files
    /// readable — but a person who types one is told which name to use.
    static let ruleAliases: [String: EarlyStoppingRule] = [
        "median_stopping": .median, "medianpruner": .median, "median_stopping_rule": .median,
        "successive_halving": .asha, "sha": .asha, "successivehalvingpruner": .asha,
        "hyperbandpruner": .hyperband, "thresholdpruner": .threshold, "early_stopping": .patience,
    ]

    static let optionAliases: [String: String] = [
        "n_warmup_steps": "warmup_steps", "start_from_epoch": "warmup_steps", "grace_period": "min_resource",
        "min_iter": "min_resource", "min_t": "min_resource", "max_iter": "max_resource", "max_t": "max_resource",
        "eta": "reduction_factor", "rf": "reduction_factor", "n_startup_trials": "min_trials",
        "n_min_trials": "min_trials", "min_samples_required": "min_trials", "lower": "bound", "upper": "bound",
        "threshold": "bound",
    ]

    /// The rule probably meant by an unknown name: a known alias, or a rule name at most two
    /// edits away.
    static func suggestion(forRule name: String) -> String? {
        let key = name.lowercased()
        if let rule = ruleAliases[key] { return rule.rawValue }
        return nearest(key, among: allCases.map(\.rawValue))
    }

    /// The option of this rule probably meant by an unknown name.
    func suggestion(forOption name: String) -> String? {
        let key = name.lowercased()
        let names = options.map(\.name)
        if let alias = Self.optionAliases[key], names.contains(alias) { return alias }
        return Self.nearest(key, among: names)
    }

    /// The candidate closest to `word` by edit distance, if within two edits (one for words
    /// of up to four letters, where two edits change too much).
    static func nearest(_ word: String, among candidates: [String]) -> String? {
        let limit = word.count <= 4 ? 1 : 2
        let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance: insertions, deletions and substitutions, each costing one.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            if b.isEmpty { continue }
            for j in 1...b.count {
                let substitution = previous + (a[i - 1] == b[j - 1] ? 0 : 1)
                previous = row[j]
                row[j] = min(substitution, row[j] + 1, row[j - 1] + 1)
            }
        }
        return row[b.count]
    }
}
