import Execution

/// Which trials the run page's table shows, chosen by the server from its address:
/// `?page=` (from 1, `size` trials a page), `?sort=` (`number`, `objective`: best first, or
/// `recent`: the newest first) and `?state=` (one trial state). A run of 10,000 trials sends
/// one page of them, not all.
public struct TrialPage: Sendable, Hashable {
    /// The orders the table can be sorted in.
    public enum Order: String, Sendable, CaseIterable {
        /// By trial number, the first first.
        case number
        /// By objective, the best first; trials without one last, by number.
        case objective
        /// By trial number, the newest first.
        case recent
    }

    /// The trials a page holds.
    public static let size = 100

    /// The page, from 1.
    public var page = 1
    /// The order.
    public var order = Order.number
    /// The only state shown, if any.
    public var state: TrialState?

    /// The first page, by number, every state.
    public init() {}

    /// The page an address's query asks for.
    /// - Throws: `DashboardError.badQuery` for a page that is no positive number, an unknown
    ///   order or state.
    public init(query: String?) throws(DashboardError) {
        if let text = URLText.formValues(query, "page").first {
            guard let page = Int(text), page >= 1 else { throw .badQuery("page '\(text)' is not a page number (1, 2, …)") }
            self.page = page
        }
        if let text = URLText.formValues(query, "sort").first {
            guard let order = Order(rawValue: text) else {
                throw .badQuery("sort '\(text)' is none of " + Order.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self.order = order
        }
        if let text = URLText.formValues(query, "state").first, !text.isEmpty {
            guard let state = TrialState(rawValue: text) else {
                throw .badQuery("state '\(text)' is none of " + TrialState.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self.state = state
        }
    }

    /// The trials of this page among `trials`, and how many matched the filter in all.
    public func select(_ trials: [TrialRecord], minimizes: Bool) -> (rows: [TrialRecord], matched: Int) {
        let kept = state.map { s in trials.filter { $0.state == s } } ?? trials
        let sorted: [TrialRecord]
        switch order {
        case .number: sorted = kept.sorted { $0.number < $1.number }
        case .recent: sorted = kept.sorted { $0.number > $1.number }
        case .objective:
            sorted = kept.sorted { a, b in
                switch (a.objective.flatMap { $0.isNaN ? nil : $0 }, b.objective.flatMap { $0.isNaN ? nil : $0 }) {
                case let (x?, y?) where x != y: minimizes ? x < y : x > y
                case (_?, nil): true
                case (nil, _?): false
                default: a.number < b.number
                }
            }
        }
        let start = min((page - 1) * Self.size, sorted.count)
        return (Array(sorted[start..<min(start + Self.size, sorted.count)]), kept.count)
    }

    /// This page's query items that differ from the defaults, for links.
    public var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if order != .number { items.append(("sort", order.rawValue)) }
        if let state { items.append(("state", state.rawValue)) }
        if page != 1 { items.append(("page", String(page))) }
        return items
    }
}
