import Synchronization

/// Charts drawn from one run's kept report (the dashboard's), each by the data it was drawn
/// from (`RunReport.ChangeMarks`): after a new metric point of a running trial the history,
/// parallel coordinates and importance of 10,000 trials are not drawn again, only the views
/// whose data changed. One per report read from scratch and the updates that continue it, so
/// that the marks it is keyed by name the same data; shared by the server's workers.
public final class DrawnCharts: Sendable {
    private let kept = Mutex<[String: (key: String, svg: String)]>([:])

    /// None drawn yet.
    public init() {}

    /// Chart `name` as drawn for `key`, else `draw()`'s, kept for `key` (replacing the
    /// chart's older drawing). With no key, drawn and not kept.
    func svg(_ name: String, key: String?, draw: () -> String) -> String {
        guard let key else { return draw() }
        if let hit = kept.withLock({ $0[name] }), hit.key == key { return hit.svg }
        let svg = draw()
        kept.withLock { $0[name] = (key, svg) }
        return svg
    }
}
