import Execution
import Foundation
import Report

extension DashboardSite {
    /// `/compare?run=A&run=B…`: the runs checked on the runs list, compared with the views of
    /// `hpo report A B` (`ComparisonPage`), each run's name linking to its page.
    /// - Throws: `DashboardError.badPath` for fewer than two runs, `.notFound` for a name that is no run here.
    public func comparePage(_ names: [String]) throws(DashboardError) -> String {
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        guard unique.count >= 2 else {
            throw .badPath("pick two or more runs to compare (the checkboxes of the runs list)")
        }
        var reports: [RunReport] = []
        for name in unique {
            let (_, store) = try open(name)
            guard let report = try? RunReport.load(from: store) else { throw .notFound("run '\(name)' cannot be read") }
            reports.append(report)
        }
        let comparison = RunComparison(reports: reports, madeAt: Date())
        let nav = "<nav><a href=\"\(e(link("/")))\">runs</a></nav>"
        return page(title: "hpo runs compared", body: nav + ComparisonPage.content(comparison) { self.link(self.runPath($0)) })
    }

    /// The runs list form's hidden `token` field, so that comparing keeps the token; "" without one.
    var tokenField: String {
        guard linkQuery.hasPrefix("?token=") else { return "" }
        let token = URLText.decoded(String(linkQuery.dropFirst("?token=".count)))
        return "<input type=\"hidden\" name=\"token\" value=\"\(e(token))\">"
    }
}
