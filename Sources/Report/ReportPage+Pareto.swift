import Execution

/// The report's Pareto front section, shown for a run with several objectives only.
extension ReportPage {
    /// The caption and the chart (`ParetoFrontChart`).
    static func paretoSection(_ report: RunReport) -> String {
        let objectives = report.snapshot.objectives
        let names = objectives.map { "\(e($0.metric)) (\($0.goal.rawValue))" }.joined(separator: ", ")
        let shape = objectives.count == 2 ? "each succeeded trial placed by its two objectives"
            : "each succeeded trial a line across its objectives"
        return """
            <p>\(shape): \(names). The \(report.snapshot.front.count) trials of the Pareto front (no other trial is at \
            least as good in every objective and better in one) in blue, the dominated ones in grey; trials missing an \
            objective are left out.</p>
            \(ParetoFrontChart.svg(report))
            """
    }
}
