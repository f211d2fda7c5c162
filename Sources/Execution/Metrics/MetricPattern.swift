import Foundation

/// Reads metrics from the lines a script prints (`stdout.log`), for scripts that write no
/// metrics file.
///
/// The standard pattern understands `name=value` and `name: value`, several to a line:
/// `epoch 3: loss=0.41 acc=0.9` gives `loss` 0.41 and `acc` 0.9 (`epoch 3:` is not a pair).
/// A name starts with a letter or `_` and may hold letters, digits, `_ . / -` (`val/loss`);
/// it must start the line or follow a space or one of `, ; | ( [ {`. A value is a decimal
/// number (`0.41`, `-1e-3`, `.5`) or `nan`/`inf`/`infinity` in any case, and must end the
/// line or be followed by a space or one of `, ; | ) ] }` — so `time: 12:30` and
/// `v=1.2.3` are not metrics. A pair named `step` sets the step of the line's other points;
/// otherwise the step is the line's number.
///
/// A custom pattern (`--metric-pattern REGEX`) is an `NSRegularExpression` (ICU syntax, which
/// is Python's `re` for everything a metric pattern needs, lookbehind included; Python's
/// `(?P<name>…)` is accepted too). It either has named groups `name` and `value` (every
/// match is a point), or a group `value` or exactly one group, whose match is the value of
/// the objective metric. An optional group `step` gives the step.
///
/// Why NSRegularExpression and a hand-written scanner rather than Swift `Regex`: on this
/// Linux toolchain Swift `Regex` took 80 µs a line for the standard pattern against 25 µs
/// for NSRegularExpression, it has no lookbehind, and it cannot tell a pattern's groups
/// before a match. The hand-written scanner for the standard pattern takes about 4 µs for a
/// line with four pairs and 0.25 µs for a line with none (release build), which matters for
/// a trial printing thousands of lines.
public struct MetricPattern: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and documented thread-safe.
    enum Matcher {
        case standard
        case pairs(NSRegularExpression, hasStep: Bool)
        case value(NSRegularExpression, group: String?, metric: String, hasStep: Bool)
    }

    let matcher: Matcher
    /// The pattern as the person wrote it; nil for the standard pattern.
    public let source: String?

    /// The standard `name=value` / `name: value` pattern.
    public static let standard = MetricPattern(matcher: .standard, source: nil)

    private init(matcher: Matcher, source: String?) {
        self.matcher = matcher
        self.source = source
    }

    /// A custom pattern; `metric` names the values of a pattern without a `name` group.
    public init(regex: String, metric: String) throws(MetricPatternError) {
        let translated = regex.replacingOccurrences(of: "(?P<", with: "(?<")
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: translated)
        } catch {
            throw MetricPatternError.invalidRegex(pattern: regex, reason: (error as NSError).localizedDescription)
        }
        func has(_ group: String) -> Bool { translated.contains("(?<\(group)>") }
        let hasStep = has("step")
        if has("name") && has("value") {
            matcher = .pairs(expression, hasStep: hasStep)
        } else if has("value") {
            matcher = .value(expression, group: "value", metric: metric, hasStep: hasStep)
        } else if expression.numberOfCaptureGroups == 1 {
            matcher = .value(expression, group: nil, metric: metric, hasStep: false)
        } else {
            throw MetricPatternError.groups(pattern: regex, count: expression.numberOfCaptureGroups)
        }
        source = regex
    }

    /// The points on `lines`. Lines without metrics are not warnings: most printed lines are not.
    public func parse(_ lines: [FileLine]) -> MetricBatch {
        var batch = MetricBatch()
        for line in lines { batch.points.append(contentsOf: points(in: line)) }
        return batch
    }

    /// The points on one line.
    public func points(in line: FileLine) -> [MetricPoint] {
        switch matcher {
        case .standard:
            return MetricPattern.withStep(MetricPattern.standardPairs(line.bytes), line: line.number)
        case .pairs(let expression, let hasStep):
            let text = line.text
            let ns = text as NSString
            var pairs: [(String, Double)] = []
            var step: Int?
            for match in expression.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                if hasStep, let s = MetricPattern.group("step", of: match, in: ns).flatMap({ Int($0) }) { step = s }
                guard let name = MetricPattern.group("name", of: match, in: ns), !name.isEmpty,
                      let value = MetricPattern.group("value", of: match, in: ns).flatMap(MetricPattern.number)
                else { continue }
                pairs.append((name, value))
            }
            return MetricPattern.withStep(pairs, line: line.number, explicitStep: step)
        case .value(let expression, let group, let metric, let hasStep):
            let text = line.text
            let ns = text as NSString
            var points: [MetricPoint] = []
            for match in expression.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let captured = group.map { MetricPattern.group($0, of: match, in: ns) }
                    ?? MetricPattern.group(at: 1, of: match, in: ns)
                guard let value = captured.flatMap(MetricPattern.number) else { continue }
                let step = hasStep ? MetricPattern.group("step", of: match, in: ns).flatMap { Int($0) } : nil
                points.append(MetricPoint(step: step ?? line.number, name: metric, value: value))
            }
            return points
        }
    }

    /// Points from `name value` pairs: a pair named `step` with an integral value sets the step.
    static func withStep(_ pairs: [(String, Double)], line: Int, explicitStep: Int? = nil) -> [MetricPoint] {
        var step = explicitStep ?? line
        if explicitStep == nil, let s = pairs.last(where: { $0.0 == "step" }), let exact = MetricsLineParser.exactInt(s.1) {
            step = exact
        }
        return pairs.filter { $0.0 != "step" }.map { MetricPoint(step: step, name: $0.0, value: $0.1) }
    }

    static func group(_ name: String, of match: NSTextCheckingResult, in text: NSString) -> String? {
        let range = match.range(withName: name)
        return range.location == NSNotFound ? nil : text.substring(with: range)
    }

    static func group(at index: Int, of match: NSTextCheckingResult, in text: NSString) -> String? {
        let range = match.range(at: index)
        return range.location == NSNotFound ? nil : text.substring(with: range)
    }

    /// A captured value as a number: decimal, or nan/inf/infinity in any case, spaces trimmed.
    static func number(_ text: String) -> Double? {
        Double(text.trimmingCharacters(in: .whitespaces))
    }
}

/// A `--metric-pattern` that cannot be used.
public enum MetricPatternError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The regular expression does not compile.
    case invalidRegex(pattern: String, reason: String)
    /// The groups do not say where the value is.
    case groups(pattern: String, count: Int)

    public var description: String {
        switch self {
        case .invalidRegex(let pattern, let reason):
            return "--metric-pattern '\(pattern)' is not a valid regular expression: \(reason)"
        case .groups(let pattern, let count):
            return "--metric-pattern '\(pattern)' has \(count) capture groups: give named groups "
                + "(?<name>…) and (?<value>…), or a group (?<value>…) or a single group for the value of --metric"
        }
    }
}
