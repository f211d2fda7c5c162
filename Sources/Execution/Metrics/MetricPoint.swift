/// One reported value of one metric at one step of a trial.
public struct MetricPoint: Hashable, Sendable {
    /// The step: the `step` the trial gave, else the 0-based number of the line in its file.
    public var step: Int
    /// The metric's name (`val_loss`).
    public var name: String
    /// The value; may be NaN or ±infinity (kept as reported, skipped by objective selection).
    public var value: Double

    /// Creates a point.
    public init(step: Int, name: String, value: Double) {
        self.step = step
        self.name = name
        self.value = value
    }

    public static func == (a: MetricPoint, b: MetricPoint) -> Bool {
        a.step == b.step && a.name == b.name && (a.value == b.value || (a.value.isNaN && b.value.isNaN))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(step)
        hasher.combine(name)
        hasher.combine(value.isNaN ? Double.nan.bitPattern : value.bitPattern)
    }
}

/// Something in a metrics stream that was skipped, for the controller to log.
public struct MetricWarning: Hashable, Sendable, CustomStringConvertible {
    /// The 0-based line number in the file, when the warning is about one line.
    public var line: Int?
    /// What was wrong, for a person.
    public var message: String

    /// Creates a warning.
    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }

    /// `line 12: not JSON (unexpected character at byte 0): loss 0.3`, control characters
    /// escaped (see `ControlCharacters`): it goes to a terminal.
    public var description: String {
        let text = ControlCharacters.escaped(message)
        guard let line else { return text }
        return "line \(line + 1): \(text)"
    }
}

/// The points and warnings read from a batch of lines.
public struct MetricBatch: Hashable, Sendable {
    /// Points in the order they were read.
    public var points: [MetricPoint]
    /// Lines that were skipped, and why.
    public var warnings: [MetricWarning]

    /// Creates a batch.
    public init(points: [MetricPoint] = [], warnings: [MetricWarning] = []) {
        self.points = points
        self.warnings = warnings
    }
}
