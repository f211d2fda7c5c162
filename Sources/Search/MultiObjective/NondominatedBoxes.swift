/// The part of the reference box that a front does not dominate, cut into disjoint boxes:
/// the cells that expected hypervolume improvement sums over
/// (`LogExpectedHypervolumeImprovement`).
///
/// For a front P of loss vectors (every objective minimized) and a reference point r, the
/// non-dominated region is `N = {z < r : no p ∈ P has p ≤ z}` (its lower side is open: a
/// new point may be better than every old one by any amount). Along every objective but the
/// first, the distinct front values below rₐ cut the axis into cells
/// `[cₐ,ⱼ, cₐ,ⱼ₊₁)`, with cₐ,₀ = −∞ and the last upper end rₐ. Over one such cell product
/// C (lower corner ℓ), a point z with z₁ < u₁ is dominated exactly when some p has p₁ ≤ z₁
/// and pₐ ≤ ℓₐ for a ≥ 2 (the grid is aligned with the front, so a cell is dominated
/// entirely or not at all), so the non-dominated part of the column above C is the box
///
///     (−∞, u₁) × C,    u₁ = min { p₁ : pₐ ≤ ℓₐ for every a ≥ 2 }   (r₁ when no p qualifies).
///
/// These boxes are disjoint and their union is N. With two objectives they are the m + 1
/// steps under the staircase of an m-point front; with k objectives there are at most
/// (m + 1)^{k−1} of them (2,601 for a 50-point front of three), built in O(m^k · k).
public struct NondominatedBoxes: Sendable {
    /// The boxes' lower corners (−∞ where a box is unbounded below).
    public let lower: [[Double]]
    /// The boxes' upper corners, each at most the reference point.
    public let upper: [[Double]]

    /// The decomposition for `front` (losses; dominated points and points not below the
    /// reference in every objective may be included, they change nothing) and `reference`.
    public init(front: [[Double]], reference: [Double]) {
        let k = reference.count
        let points = front.filter { p in p.count == k && zip(p, reference).allSatisfy { $0.isFinite && $0 < $1 } }
        var lower: [[Double]] = []
        var upper: [[Double]] = []
        guard k >= 1 else { self.lower = []; self.upper = []; return }
        // Per further axis, the cell edges: −∞, the distinct front values, then the reference.
        let edges: [[Double]] = (1..<max(k, 1)).map { a in
            [-Double.infinity] + Array(Set(points.map { $0[a] })).sorted() + [reference[a]]
        }
        var cell = [Int](repeating: 0, count: k - 1)
        while true {
            let low = (0..<(k - 1)).map { edges[$0][cell[$0]] }
            let high = (0..<(k - 1)).map { edges[$0][cell[$0] + 1] }
            var top = reference[0]
            for p in points where (1..<k).allSatisfy({ p[$0] <= low[$0 - 1] }) { top = min(top, p[0]) }
            lower.append([-Double.infinity] + low)
            upper.append([top] + high)
            // The next cell, the last further axis fastest.
            var axis = k - 2
            while axis >= 0 {
                cell[axis] += 1
                if cell[axis] + 1 < edges[axis].count { break }
                cell[axis] = 0
                axis -= 1
            }
            if axis < 0 { break }
        }
        self.lower = lower
        self.upper = upper
    }

    /// The number of boxes.
    public var count: Int { lower.count }

    /// The volume of the part of the boxes that `y` dominates: the hypervolume improvement of
    /// adding y to the front, `Σ_b Πₐ (u_{b,a} − max(ℓ_{b,a}, yₐ))₊`.
    public func improvement(of y: [Double]) -> Double {
        var total = 0.0
        for b in lower.indices {
            var volume = 1.0
            for a in y.indices {
                volume *= max(0, upper[b][a] - max(lower[b][a], y[a]))
                if volume == 0 { break }
            }
            total += volume
        }
        return total
    }
}
