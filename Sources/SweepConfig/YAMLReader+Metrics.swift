import Yams

/// A sweep file's `metrics:` list: the objectives of a run with several.
extension YAMLReader {
    /// `metrics`: a list whose entries are `val_loss:min` / `latency_ms:max` / a bare name
    /// (minimized), or `{name: val_loss, goal: minimize}` mappings. Errors point at the entry.
    func metrics(_ node: Node) throws(SweepFileError) -> [SweepMetric] {
        guard case .sequence = node else {
            throw error(node, "metrics must be a list, e.g. [val_loss:min, latency_ms:min], got \(YAMLReader.kind(node))")
        }
        let entries = try sequence(node, "metrics")
        guard !entries.isEmpty else { throw error(node, "metrics must name at least one metric, e.g. [val_loss:min]") }
        var out: [SweepMetric] = []
        for (i, e) in entries.enumerated() {
            let metric: SweepMetric
            if case .mapping = e {
                metric = try self.metric(e, what: "metrics entry \(i + 1)")
            } else {
                let text = try string(e, "metrics entry \(i + 1)")
                metric = SweepMetric.parse(text).metric
                if metric.name.isEmpty { throw error(e, "metrics entry \(i + 1): the name is empty in '\(text)'") }
            }
            if out.contains(where: { $0.name == metric.name }) {
                throw error(e, "metrics: '\(metric.name)' is listed twice; each objective is a different metric")
            }
            out.append(metric)
        }
        return out
    }
}
