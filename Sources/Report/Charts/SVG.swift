import Foundation

/// A small SVG writer: elements appended as text, every attribute value and text escaped,
/// numbers rounded to 0.1 px so files stay small. No script, no external reference: the
/// report must open offline and show nothing it was not given.
struct SVG {
    private(set) var body = ""
    let width: Double
    let height: Double
    /// Read by tests and the browser check: `<svg … data-chart="history">`.
    let name: String

    init(name: String, width: Double, height: Double) {
        self.name = name
        self.width = width
        self.height = height
    }

    /// The finished element.
    var text: String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" data-chart=\"\(SVG.escape(name))\" viewBox=\"0 0 \(SVG.n(width)) "
            + "\(SVG.n(height))\" width=\"100%\" role=\"img\">" + body + "</svg>"
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#999",
                       width: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(SVG.n(x1))\" y1=\"\(SVG.n(y1))\" x2=\"\(SVG.n(x2))\" y2=\"\(SVG.n(y2))\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(SVG.n(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5, opacity: Double = 1,
                           title: String? = nil) {
        guard points.count > 1 else { return }
        let list = points.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " ")
        body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(width))\" "
            + "stroke-opacity=\"\(SVG.n(opacity, digits: 2))\">" + (title.map { "<title>\(SVG.escape($0))</title>" } ?? "")
            + "</polyline>"
    }

    mutating func circle(_ x: Double, _ y: Double, radius: Double = 3, fill: String, title: String? = nil) {
        body += "<circle cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"\(SVG.n(radius))\" fill=\"\(fill)\">"
            + (title.map { "<title>\(SVG.escape($0))</title>" } ?? "") + "</circle>"
    }

    /// Many round dots in one `<path>` (a zero-length segment each, drawn by its round cap):
    /// about 12 bytes a point where a `<circle>` takes 60, for charts of thousands of points.
    mutating func dots(_ points: [(Double, Double)], color: String, diameter: Double = 6, title: String? = nil) {
        guard !points.isEmpty else { return }
        let d = points.map { "M\(SVG.n($0.0)) \(SVG.n($0.1))h0" }.joined()
        body += "<path d=\"\(d)\" stroke=\"\(color)\" stroke-width=\"\(SVG.n(diameter))\" stroke-linecap=\"round\" fill=\"none\">"
            + (title.map { "<title>\(SVG.escape($0))</title>" } ?? "") + "</path>"
    }

    /// A filled path (`d` given whole), for shapes drawn many at once: a density's squares.
    mutating func area(_ d: String, fill: String, opacity: Double, title: String? = nil) {
        guard !d.isEmpty else { return }
        body += "<path d=\"\(d)\" fill=\"\(fill)\" fill-opacity=\"\(SVG.n(opacity, digits: 2))\">"
            + (title.map { "<title>\(SVG.escape($0))</title>" } ?? "") + "</path>"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, title: String? = nil) {
        body += "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(max(0, w)))\" height=\"\(SVG.n(max(0, h)))\" "
            + "fill=\"\(fill)\">" + (title.map { "<title>\(SVG.escape($0))</title>" } ?? "") + "</rect>"
    }

    mutating func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Double = 11,
                       fill: String = "#333", rotate: Bool = false) {
        let transform = rotate ? " transform=\"rotate(-90 \(SVG.n(x)) \(SVG.n(y)))\"" : ""
        body += "<text x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(SVG.n(size))\" "
            + "fill=\"\(fill)\"\(transform)>\(SVG.escape(content))</text>"
    }

    /// `&`, `<`, `>`, `"` and `'` as entities: safe in text and in attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate with at most `digits` decimals, no exponent.
    static func n(_ x: Double, digits: Int = 1) -> String {
        guard x.isFinite else { return "0" }
        let scale = pow(10, Double(digits))
        let r = (x * scale).rounded() / scale
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

/// A map from data to pixels along one axis, linear or logarithmic.
struct Scale {
    let low: Double
    let high: Double
    let from: Double
    let to: Double
    let log: Bool

    /// A scale covering `values` (padded by 5% when linear), onto pixels `from…to`. A range
    /// too narrow for a double to resolve into ticks (equal values, or values a few ulps
    /// apart such as 0.3 and 0.30000000000000004) is widened around its middle.
    init(covering values: [Double], from: Double, to: Double, log: Bool = false) {
        let finite = values.filter { $0.isFinite && (!log || $0 > 0) }
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        let useLog = log && low > 0
        if useLog {
            (low, high) = (Foundation.log10(low), Foundation.log10(high))
        }
        (low, high) = Scale.widened(low, high)
        if !useLog {
            let pad = (high - low) * 0.05
            (low, high) = (low - pad, high + pad)
        }
        self.low = low
        self.high = high
        self.from = from
        self.to = to
        self.log = useLog
    }

    /// `low…high` itself, or, when it is narrower than a billionth of its magnitude (float
    /// noise, whose ticks would differ by a few ulps or not at all), the range of ±0.5 or
    /// ±5% of the magnitude around its middle, whichever is wider.
    static func widened(_ low: Double, _ high: Double) -> (Double, Double) {
        let magnitude = max(abs(low), abs(high))
        // The second bound: a range of subnormal width, whose fifth underflows to nothing.
        guard high - low <= magnitude * 1e-9 || high - low < .leastNormalMagnitude * 1e10 else { return (low, high) }
        let middle = low / 2 + high / 2
        let half = max(0.5, magnitude * 0.05)
        return (middle - half, middle + half)
    }

    /// The most ticks an axis gets, whatever its range.
    static let maximumTicks = 12

    func callAsFunction(_ value: Double) -> Double {
        let v = log ? Foundation.log10(max(value, 1e-300)) : value
        return from + (v - low) / (high - low) * (to - from)
    }

    /// About five round tick values inside the scale (never more than `maximumTicks`), each
    /// computed from its index (first + i·step) so that no sum of steps can stall.
    var ticks: [Double] {
        guard low.isFinite, high.isFinite, high > low else { return [] }
        if log {
            let first = Int(low.rounded(.up)), last = Int(high.rounded(.down))
            guard first <= last else { return [] }
            let every = (last - first) / Scale.maximumTicks + 1  // thin out decades on a very wide axis
            return stride(from: first, through: last, by: every).map { pow(10, Double($0)) }
        }
        let span = high - low
        let rough = span / 5
        let magnitude = pow(10, (Foundation.log10(rough)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
        guard step > 0, step.isFinite else { return [] }
        let first = (low / step).rounded(.up), last = ((high + step * 1e-9) / step).rounded(.down)
        guard first.isFinite, last.isFinite, last >= first else { return [] }
        var ticks: [Double] = []
        for i in 0..<Int(min(Double(Scale.maximumTicks), last - first + 1)) {
            let t = (first + Double(i)) * step
            // The same tick twice would mean the step is below the doubles' spacing here.
            if let previous = ticks.last, t <= previous { break }
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
        }
        return ticks
    }

    /// A tick's label: few digits, exponent for very large or small values.
    static func label(_ x: Double) -> String {
        if x == 0 { return "0" }
        if abs(x) >= 1e5 || abs(x) < 1e-3 { return String(format: "%.0e", x) }
        return String(format: "%g", (x * 1000).rounded() / 1000)
    }
}
