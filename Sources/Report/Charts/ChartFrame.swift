import Execution

/// The plotting area of a chart and the colors every chart uses.
struct ChartFrame {
    let width: Double
    let height: Double
    var left = 64.0, right = 16.0, top = 14.0, bottom = 40.0

    var x0: Double { left }
    var x1: Double { width - right }
    var y0: Double { height - bottom }  // pixels grow downward: y0 is the bottom edge
    var y1: Double { top }

    /// Axis lines, ticks and labels for `x` and `y`.
    func axes(_ svg: inout SVG, x: Scale, y: Scale, xLabel: String, yLabel: String) {
        svg.line(x0, y0, x1, y0, stroke: "#555")
        svg.line(x0, y0, x0, y1, stroke: "#555")
        for t in x.ticks {
            svg.line(x(t), y0, x(t), y0 + 4, stroke: "#555")
            svg.text(x(t), y0 + 16, Scale.label(t), anchor: "middle", size: 10)
        }
        for t in y.ticks {
            svg.line(x0 - 4, y(t), x1, y(t), stroke: "#eee")
            svg.text(x0 - 6, y(t) + 3, Scale.label(t), anchor: "end", size: 10)
        }
        svg.text((x0 + x1) / 2, height - 6, xLabel, anchor: "middle")
        svg.text(14, (y0 + y1) / 2, yLabel, anchor: "middle", rotate: true)
    }

    /// The color of a trial's state.
    static func color(_ state: TrialState) -> String {
        switch state {
        case .succeeded: "#3b6fb6"
        case .pruned: "#e8913a"
        case .failed, .error, .invalid, .noMetric: "#c9463d"
        case .timeout, .cancelled: "#8c6bb1"
        case .running, .starting: "#4aa564"
        default: "#aaaaaa"
        }
    }

    /// Blue (best) to red (worst) for a value's rank position `t` in 0…1.
    static func gradient(_ t: Double) -> String {
        let c = min(1, max(0, t))
        let r = Int(59 + (201 - 59) * c), g = Int(111 + (70 - 111) * c), b = Int(182 + (61 - 182) * c)
        return "rgb(\(r),\(g),\(b))"
    }
}
