/// Limited-memory BFGS for a smooth function on a box `lower ≤ x ≤ upper`, used for both
/// the hyperparameters (in log space) and the acquisition refinement (in the unit cube).
///
/// Each iteration (a projected quasi-Newton method in the spirit of Bertsekas 1982 and
/// Kelley's "Iterative Methods for Optimization" §5.5):
/// 1. The active set holds the coordinates sitting on a bound with the gradient pushing
///    outward; they stay fixed this iteration.
/// 2. The direction is the L-BFGS two-loop recursion `d = −H g` restricted to the free
///    coordinates, with the usual `sᵀy / yᵀy` initial scaling; if it is not a descent
///    direction the memory is dropped and `d = −g`.
/// 3. A backtracking search along the projected path `P(x + αd)` accepts the first α with
///    the Armijo decrease `f(P(x+αd)) ≤ f(x) + 10⁻⁴ gᵀ(P(x+αd) − x)`; the trial steps shrink by
///    quadratic interpolation (clamped to [0.1, 0.5]), and a non-finite value counts as a
///    failed step, so an objective may return +∞ where it is undefined.
/// 4. The pair (s, y) is kept only when `sᵀy > 10⁻¹⁰·|s||y|`, which keeps H positive definite.
///
/// It stops when the largest projected gradient component falls below `gradientTolerance`,
/// when an iteration improves f by less than `functionTolerance·max(1, |f|)`, or after
/// `maxIterations`.
struct BoundedLBFGS {
    /// Pairs (s, y) kept.
    var memory = 8
    /// The most iterations.
    var maxIterations = 100
    /// Converged when every projected gradient component is below this.
    var gradientTolerance = 1e-6
    /// Converged when an iteration gains less than this, relative to max(1, |f|).
    var functionTolerance = 1e-10

    /// The result of a minimization.
    struct Result {
        var x: [Double]
        var value: Double
        var iterations: Int
        var evaluations: Int
    }

    /// Where a run stands between calls of `advance`: a run advanced in several calls does
    /// exactly what one call of their total iterations would.
    struct State {
        var x: [Double]
        var value: Double
        var gradient: [Double]
        var ss: [[Double]] = []
        var ys: [[Double]] = []
        var iterations = 0
        var evaluations = 1
        /// A stopping rule fired (or the start was not finite): further iterations do nothing.
        var finished = false

        var result: Result { Result(x: x, value: value, iterations: iterations, evaluations: evaluations) }
    }

    /// Minimizes `f` from `start` (clamped into the box). `f(x, &g)` returns f(x) and writes
    /// ∇f(x) into g (already sized); it may return +∞ or NaN where f is undefined.
    func minimize(start: [Double], lower: [Double], upper: [Double],
                  _ f: (_ x: [Double], _ gradient: inout [Double]) -> Double) -> Result {
        var state = begin(start: start, lower: lower, upper: upper, f)
        advance(&state, iterations: maxIterations, lower: lower, upper: upper, f)
        return state.result
    }

    /// The run's first evaluation, at `start` clamped into the box.
    func begin(start: [Double], lower: [Double], upper: [Double],
               _ f: (_ x: [Double], _ gradient: inout [Double]) -> Double) -> State {
        precondition(lower.count == start.count && upper.count == start.count)
        let x = BoundedLBFGS.project(start, lower, upper)
        var g = [Double](repeating: 0, count: x.count)
        let fx = f(x, &g)
        return State(x: x, value: fx, gradient: g, finished: !fx.isFinite || x.isEmpty)
    }

    /// Up to `iterations` more iterations of the run, never past `maxIterations` in all.
    func advance(_ state: inout State, iterations: Int, lower: [Double], upper: [Double],
                 _ f: (_ x: [Double], _ gradient: inout [Double]) -> Double) {
        let n = state.x.count
        let last = min(maxIterations, state.iterations + iterations)
        var x = state.x, fx = state.value, g = state.gradient
        var ss = state.ss, ys = state.ys
        var iteration = state.iterations, evaluations = state.evaluations
        var finished = state.finished
        defer {
            state = State(x: x, value: fx, gradient: g, ss: ss, ys: ys, iterations: iteration, evaluations: evaluations,
                          finished: finished || iteration >= maxIterations)
        }
        guard !finished else { return }
        var gNew = g
        while iteration < last {
            iteration += 1
            let free = BoundedLBFGS.freeMask(x, g, lower, upper)
            var projectedNorm = 0.0
            for i in 0..<n where free[i] { projectedNorm = max(projectedNorm, abs(g[i])) }
            if projectedNorm < gradientTolerance { finished = true; break }

            var d = BoundedLBFGS.direction(g, free: free, ss: ss, ys: ys)
            var slope = 0.0
            for i in 0..<n { slope += g[i] * d[i] }
            if !(slope < 0) || ss.isEmpty {
                ss.removeAll(); ys.removeAll()
                // Steepest descent, scaled so the first trial step moves at most ~1 unit.
                let scale = 1 / max(1, projectedNorm)
                for i in 0..<n { d[i] = free[i] ? -g[i] * scale : 0 }
            }

            // Projected backtracking line search.
            var alpha = 1.0
            var accepted: (x: [Double], f: Double)?
            for _ in 0..<40 {
                var trial = x
                for i in 0..<n { trial[i] = min(max(x[i] + alpha * d[i], lower[i]), upper[i]) }
                var predicted = 0.0
                for i in 0..<n { predicted += g[i] * (trial[i] - x[i]) }
                if predicted >= 0 { break }  // the projection left no descent: nothing to gain
                let ft = f(trial, &gNew)
                evaluations += 1
                if ft.isFinite && ft <= fx + 1e-4 * predicted {
                    accepted = (trial, ft)
                    break
                }
                // Minimizer of the quadratic through f(x), its slope and f(trial), kept in [0.1α, 0.5α].
                var next = 0.5 * alpha
                if ft.isFinite {
                    let q = -predicted * alpha / (2 * (ft - fx - predicted))
                    if q.isFinite { next = min(max(q, 0.1 * alpha), 0.5 * alpha) }
                }
                alpha = next
            }
            guard let step = accepted else {
                if ss.isEmpty { finished = true; break }  // even steepest descent failed: at a (numerical) minimum
                ss.removeAll(); ys.removeAll()
                continue
            }
            var s = [Double](repeating: 0, count: n), y = s
            var sy = 0.0, s2 = 0.0, y2 = 0.0
            for i in 0..<n {
                s[i] = step.x[i] - x[i]; y[i] = gNew[i] - g[i]
                sy += s[i] * y[i]; s2 += s[i] * s[i]; y2 += y[i] * y[i]
            }
            let gain = fx - step.f
            x = step.x; fx = step.f; g = gNew
            if sy > 1e-10 * (s2 * y2).squareRoot() {
                ss.append(s); ys.append(y)
                if ss.count > memory { ss.removeFirst(); ys.removeFirst() }
            }
            if gain < functionTolerance * max(1, abs(fx)) { finished = true; break }
        }
    }

    static func project(_ x: [Double], _ lower: [Double], _ upper: [Double]) -> [Double] {
        var out = x
        for i in out.indices { out[i] = min(max(out[i], lower[i]), upper[i]) }
        return out
    }

    /// Free coordinates: those not held at a bound by a gradient pushing outward.
    static func freeMask(_ x: [Double], _ g: [Double], _ lower: [Double], _ upper: [Double]) -> [Bool] {
        (0..<x.count).map { i in
            let atLower = x[i] <= lower[i] && g[i] > 0
            let atUpper = x[i] >= upper[i] && g[i] < 0
            return !(atLower || atUpper)
        }
    }

    /// The two-loop recursion `−H g` on the free coordinates (active ones zeroed throughout).
    static func direction(_ g: [Double], free: [Bool], ss: [[Double]], ys: [[Double]]) -> [Double] {
        let n = g.count
        var q = (0..<n).map { free[$0] ? g[$0] : 0 }
        func dot(_ a: [Double], _ b: [Double]) -> Double {
            var s = 0.0
            for i in 0..<n where free[i] { s += a[i] * b[i] }
            return s
        }
        var alphas = [Double](repeating: 0, count: ss.count)
        var rhos = [Double](repeating: 0, count: ss.count)
        for k in stride(from: ss.count - 1, through: 0, by: -1) {
            let sy = dot(ss[k], ys[k])
            rhos[k] = sy > 0 ? 1 / sy : 0
            alphas[k] = rhos[k] * dot(ss[k], q)
            for i in 0..<n where free[i] { q[i] -= alphas[k] * ys[k][i] }
        }
        if let s = ss.last, let y = ys.last {
            let yy = dot(y, y), sy = dot(s, y)
            let gamma = yy > 0 && sy > 0 ? sy / yy : 1
            for i in 0..<n { q[i] *= gamma }
        }
        for k in 0..<ss.count {
            let beta = rhos[k] * dot(ys[k], q)
            for i in 0..<n where free[i] { q[i] += (alphas[k] - beta) * ss[k][i] }
        }
        return q.map { -$0 }
    }
}
