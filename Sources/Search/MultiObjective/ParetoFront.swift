/// Pareto dominance among objective vectors.
///
/// Vector `a` dominates `b` when it is at least as good in every objective and strictly
/// better in one (each objective's `Goal` says which way is better). The Pareto front of a
/// set is its non-dominated members. A vector holding NaN or an infinity cannot be compared
/// and is on no front (a trial that did not report an objective has no place on it).
public enum ParetoFront {
    /// True when `a` dominates `b` under `goals` (all three the same length).
    public static func dominates(_ a: [Double], _ b: [Double], goals: [Goal]) -> Bool {
        precondition(a.count == goals.count && b.count == goals.count, "vectors and goals must align")
        var strictlyBetter = false
        for k in goals.indices {
            if goals[k].isBetter(b[k], than: a[k]) { return false }
            if goals[k].isBetter(a[k], than: b[k]) { strictlyBetter = true }
        }
        return strictlyBetter
    }

    /// The indices of the non-dominated vectors, in ascending order. Vectors with a
    /// non-finite entry are left out; of two equal vectors both are kept (neither dominates).
    ///
    /// O(m² · k) for m vectors of k objectives: the sizes of a run (thousands of trials) make
    /// this a few milliseconds, and it needs no sorting tricks to stay exact.
    public static func nonDominated(_ vectors: [[Double]], goals: [Goal]) -> [Int] {
        let eligible = vectors.indices.filter { i in vectors[i].allSatisfy(\.isFinite) }
        return eligible.filter { i in
            !eligible.contains { j in j != i && dominates(vectors[j], vectors[i], goals: goals) }
        }
    }

    /// Each vector's front by non-dominated sorting: 0 for the Pareto front, 1 for the front
    /// of what is left without it, and so on; nil for a vector with a non-finite entry.
    public static func ranks(_ vectors: [[Double]], goals: [Goal]) -> [Int?] {
        var rank = [Int?](repeating: nil, count: vectors.count)
        var remaining = vectors.indices.filter { vectors[$0].allSatisfy(\.isFinite) }
        var level = 0
        while !remaining.isEmpty {
            let front = remaining.filter { i in
                !remaining.contains { j in j != i && dominates(vectors[j], vectors[i], goals: goals) }
            }
            for i in front { rank[i] = level }
            let onFront = Set(front)
            remaining.removeAll { onFront.contains($0) }
            level += 1
        }
        return rank
    }
}
