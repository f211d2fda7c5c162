/// Reads the metrics file a trial appends to (`HPO_METRICS_FILE`): one JSON object a line,
/// `{"step": 3, "val_loss": 0.41, "acc": 0.9}`.
///
/// - Every member with a numeric value is a point; `NaN`, `Infinity` and `-Infinity` (which
///   Python's `json` writes) are kept as non-finite values. Strings, booleans, null, arrays
///   and nested objects are ignored without a warning (`{"phase": "train"}` is fine).
/// - `step` is optional: an integer (or an integral real); without it, the 0-based number of
///   the line in the file is the step.
/// - A line that is not JSON, or not an object, is skipped with a warning. Blank lines are
///   skipped silently. Nothing crashes it: it is fed whatever bytes a trial wrote.
///
/// Warnings stop after `warningLimit` per file (the tailer's, for oversize lines or a file
/// refused, count too), with one last warning saying so, so that a trial printing garbage in
/// a loop does not flood the log.
public struct MetricsLineParser: Sendable {
    /// The key that carries the step.
    public static let stepKey = "step"

    /// The most warnings reported for one file.
    public let warningLimit: Int
    private var warningsGiven = 0

    /// Creates a parser for one file.
    public init(warningLimit: Int = 20) {
        self.warningLimit = warningLimit
    }

    /// The points of `lines`, and warnings for the lines skipped (up to the limit).
    public mutating func parse(_ lines: [FileLine]) -> MetricBatch {
        var batch = MetricBatch()
        for line in lines {
            let (points, warning) = MetricsLineParser.points(in: line)
            batch.points.append(contentsOf: points)
            if let warning { report(warning, into: &batch) }
        }
        return batch
    }

    /// Passes on warnings from elsewhere in the same file (oversize lines) under the same limit.
    public mutating func report(_ warning: MetricWarning, into batch: inout MetricBatch) {
        warningsGiven += 1
        if warningsGiven <= warningLimit {
            batch.warnings.append(warning)
        } else if warningsGiven == warningLimit + 1 {
            batch.warnings.append(MetricWarning(line: nil,
                message: "more than \(warningLimit) warnings: further warnings for this file are not shown"))
        }
    }

    /// The points of one line, and a warning when (part of) it was skipped.
    public static func points(in line: FileLine) -> (points: [MetricPoint], warning: MetricWarning?) {
        if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return ([], nil) }
        let value: JSONValue
        do {
            value = try JSONParser.parse(line.bytes)
        } catch {
            return ([], MetricWarning(line: line.number,
                message: "not JSON (\(error.reason) at byte \(error.offset)): \(excerpt(line))"))
        }
        guard case .object(let members) = value else {
            return ([], MetricWarning(line: line.number, message: "not a JSON object: \(excerpt(line))"))
        }
        var step = line.number
        var warning: MetricWarning?
        if let (_, stepValue) = members.last(where: { $0.0 == stepKey }) {
            if case .number(let x, let integer) = stepValue, let s = integer ?? exactInt(x) {
                step = s
            } else {
                warning = MetricWarning(line: line.number,
                    message: "\"step\" is not an integer: using the line number \(line.number) as the step")
            }
        }
        var points: [MetricPoint] = []
        points.reserveCapacity(members.count)
        for (name, member) in members where name != stepKey {
            guard case .number(let x, _) = member else { continue }
            if ControlCharacters.contains(in: name) {
                // No sane metric is named so, and the name would reach terminals and reports.
                warning = MetricWarning(line: line.number,
                    message: "the metric name \"\(ControlCharacters.escaped(name))\" holds control characters: skipped")
                continue
            }
            points.append(MetricPoint(step: step, name: name, value: x))
        }
        return (points, warning)
    }

    /// `x` as an `Int` when it is integral and in range.
    static func exactInt(_ x: Double) -> Int? {
        guard x.isFinite, x == x.rounded(), abs(x) < 9.0e18 else { return nil }
        return Int(x)
    }

    /// The start of a line for a warning: its first 80 characters, control characters
    /// escaped (`\x1b`, see `ControlCharacters`).
    static func excerpt(_ line: FileLine) -> String {
        let text = String(decoding: line.bytes.prefix(320), as: UTF8.self)
        let cut = text.count > 80 || line.bytes.count > 320
        return ControlCharacters.escaped(String(text.prefix(80))) + (cut ? "…" : "")
    }
}
