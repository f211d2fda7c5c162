/// The hypervolume of a set of loss vectors (every objective minimized, `Goal.loss`) against a
/// reference point: the Lebesgue measure of the region they dominate inside the box below
/// the reference,
///
///     HV(P; r) = λ( ⋃_{p ∈ P} [p₁, r₁] × … × [p_k, r_k] ).
///
/// Points that do not lie strictly below the reference in every objective add nothing and
/// are ignored, as are points with a non-finite entry. HV only grows when a point joins P,
/// and only the non-dominated points matter; it is the quality measure of a Pareto front.
///
/// - k = 1: r₁ − min p₁.
/// - k = 2: a sweep. Sorted by the first objective, the non-dominated points have
///   decreasing second objectives p⁽¹⁾₂ > p⁽²⁾₂ > …, and the union is the staircase
///   `Σᵢ (p⁽ⁱ⁺¹⁾₁ − p⁽ⁱ⁾₁)·(r₂ − p⁽ⁱ⁾₂)` with p⁽ᵐ⁺¹⁾₁ = r₁. O(m log m).
/// - k ≥ 3: slicing by the last objective (Hypervolume by Slicing Objectives, While et al.
///   2006). Sorted by p_k, between consecutive values vⱼ < vⱼ₊₁ (and v_{m+1} = r_k) the
///   dominated region's cross-section is the (k−1)-dimensional union of the points with
///   p_k ≤ vⱼ, so `HV = Σⱼ (vⱼ₊₁ − vⱼ)·HV_{k−1}({p : p_k ≤ vⱼ})`. Exact; O(m^{k−1} log m),
///   fine for the fronts of a run (hundreds of points at k = 3).
public enum Hypervolume {
    /// HV of `points` (losses) against `reference` (same length as each point).
    public static func of(_ points: [[Double]], reference: [Double]) -> Double {
        let k = reference.count
        let inside = points.filter { p in
            p.count == k && zip(p, reference).allSatisfy { $0.isFinite && $0 < $1 }
        }
        return recurse(inside, reference: reference)
    }

    /// HV(P ∪ {y}) − HV(P): how much `y` adds to the front `points`.
    public static func improvement(of y: [Double], over points: [[Double]], reference: [Double]) -> Double {
        of(points + [y], reference: reference) - of(points, reference: reference)
    }

    private static func recurse(_ points: [[Double]], reference: [Double]) -> Double {
        guard !points.isEmpty else { return 0 }
        let k = reference.count
        if k == 1 { return reference[0] - points.map { $0[0] }.min()! }
        if k == 2 { return sweep(points, reference: reference) }
        let sorted = points.sorted { $0[k - 1] < $1[k - 1] }
        let lower = Array(reference.prefix(k - 1))
        var total = 0.0
        var slice: [[Double]] = []
        for (j, p) in sorted.enumerated() {
            slice.append(Array(p.prefix(k - 1)))
            let top = j + 1 < sorted.count ? sorted[j + 1][k - 1] : reference[k - 1]
            let depth = top - p[k - 1]
            if depth > 0 { total += depth * recurse(nonDominated(slice), reference: lower) }
        }
        return total
    }

    /// The two-objective staircase.
    private static func sweep(_ points: [[Double]], reference: [Double]) -> Double {
        let sorted = points.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        var total = 0.0
        var ceiling = reference[1]  // the lowest second objective seen so far
        for (i, p) in sorted.enumerated() where p[1] < ceiling {
            // Only this point's own strip is new: from its first objective to the next point's.
            ceiling = p[1]
            let next = sorted[(i + 1)...].first { $0[1] < ceiling }.map { $0[0] } ?? reference[0]
            total += (next - p[0]) * (reference[1] - ceiling)
        }
        return total
    }

    /// The non-dominated points (all objectives minimized), duplicates once.
    static func nonDominated(_ points: [[Double]]) -> [[Double]] {
        let unique = Array(Set(points)).sorted { $0.lexicographicallyPrecedes($1) }
        let goals = [Goal](repeating: .minimize, count: unique.first?.count ?? 0)
        return ParetoFront.nonDominated(unique, goals: goals).map { unique[$0] }
    }
}
