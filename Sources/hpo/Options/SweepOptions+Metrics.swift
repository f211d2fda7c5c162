import Search
import SweepConfig

/// `--metric NAME[:min|:max]`, repeatable: a run's objectives.
extension SweepOptions {
    /// Puts the `--metric` options into `overrides`: the first as `metricName` (with its
    /// goal, which must agree with `--goal` when both are given), the others as
    /// `furtherMetrics`. `--goal` applies to a bare first metric only; a bare later one is
    /// minimized.
    func applyMetrics(to overrides: inout SweepOverrides) throws {
        guard !metric.isEmpty else { return }
        var metrics: [SweepMetric] = []
        for (i, text) in metric.enumerated() {
            let (parsed, goalWritten) = SweepMetric.parse(text)
            let which = metric.count > 1 ? "--metric \"\(text)\" (objective \(i + 1))" : "--metric \"\(text)\""
            if parsed.name.isEmpty { throw InputError("\(which): the name is empty") }
            if metrics.contains(where: { $0.name == parsed.name }) {
                throw InputError("\(which): '\(parsed.name)' is given twice; each objective is a different metric")
            }
            if i == 0, goalWritten, let given = overrides.goal, given != parsed.goal {
                throw InputError("\(which) says \(parsed.goal.rawValue) but --goal says \(given.rawValue): give one")
            }
            metrics.append(parsed)
            if i == 0 && goalWritten { overrides.goal = parsed.goal }
        }
        overrides.metricName = metrics[0].name
        overrides.furtherMetrics = Array(metrics.dropFirst())
    }
}
