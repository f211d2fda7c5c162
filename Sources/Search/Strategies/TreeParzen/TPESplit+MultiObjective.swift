import Foundation

/// The good group of several objectives (MOTPE, Ozaki et al. 2020), as Optuna 5's
/// `_split_complete_trials_multi_objective` chooses it: whole non-domination ranks (fronts)
/// while they fit, then, from the first front that does not fit, the members that add the most
/// hypervolume — greedily, one at a time (the hypervolume subset selection problem, HSSP; the
/// greedy choice is within 1 − 1/e of the best subset).
extension TPESplit {
    /// The indices of the `count` loss vectors (every objective minimized, all finite) that
    /// form ℓ.
    static func belowIndices(_ losses: [[Double]], count: Int) -> [Int] {
        guard count > 0 else { return [] }
        guard count < losses.count else { return Array(losses.indices) }
        var below: [Int] = []
        for front in fronts(losses, covering: count) {
            if below.count + front.count <= count {
                below += front
                if below.count == count { break }
            } else {
                let members = front.map { losses[$0] }
                below += hypervolumeSubset(members, count: count - below.count).map { front[$0] }
                break
            }
        }
        return below.sorted()
    }

    /// The first fronts of non-dominated sorting, each in ascending index order, until they
    /// hold at least `count` vectors (Optuna's `_fast_non_domination_rank` with `n_below`).
    /// Within a front sorted lexicographically only an earlier vector can dominate a later
    /// one, and a vector dominated by any remaining one is dominated by a front member, so
    /// each front costs O(m · |front|).
    static func fronts(_ losses: [[Double]], covering count: Int) -> [[Int]] {
        var remaining = losses.indices.sorted { losses[$0].lexicographicallyPrecedes(losses[$1]) }
        var fronts: [[Int]] = []
        var covered = 0
        while !remaining.isEmpty && covered < count {
            var front: [Int] = [], rest: [Int] = []
            for i in remaining {
                if front.contains(where: { dominates(losses[$0], losses[i]) }) { rest.append(i) } else { front.append(i) }
            }
            fronts.append(front.sorted())
            covered += front.count
            remaining = rest
        }
        return fronts
    }

    /// `a` dominates `b`: no worse in every objective, better in one (losses).
    private static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        var better = false
        for (x, y) in zip(a, b) {
            if x > y { return false }
            if x < y { better = true }
        }
        return better
    }

    /// Optuna's `_get_reference_point`: per objective, the worst value w of the front, moved
    /// outwards by a tenth (max(1.1·w, 0.9·w)); 10⁻¹² where that is 0.
    static func referencePoint(_ losses: [[Double]]) -> [Double] {
        guard let first = losses.first else { return [] }
        return first.indices.map { k in
            let worst = losses.map { $0[k] }.max()!
            let r = Swift.max(1.1 * worst, 0.9 * worst)
            return r == 0 ? 1e-12 : r
        }
    }

    /// The indices of `count` members of one front (`_solve_hssp`): distinct vectors one at a
    /// time by the hypervolume they add to those chosen (against `referencePoint`), ties to the
    /// lexicographically smaller, in the order chosen; when there are fewer distinct vectors
    /// than `count`, all of them and then repeats in index order (ascending).
    static func hypervolumeSubset(_ losses: [[Double]], count: Int) -> [Int] {
        guard count < losses.count else { return Array(losses.indices) }
        // The first index of each distinct vector, in lexicographic order of the vectors.
        var firstIndex: [[Double]: Int] = [:]
        for (i, v) in losses.enumerated() where firstIndex[v] == nil { firstIndex[v] = i }
        let unique = firstIndex.keys.sorted { $0.lexicographicallyPrecedes($1) }
        let indices = unique.map { firstIndex[$0]! }
        if unique.count < count {
            let distinct = Set(indices)
            let repeats = losses.indices.filter { !distinct.contains($0) }
            return (indices + repeats.prefix(count - unique.count)).sorted()
        }
        let reference = referencePoint(unique)
        guard reference.allSatisfy(\.isFinite) else { return Array(indices.prefix(count)) }
        let chosen = unique.count == count ? Array(unique.indices)
            : reference.count == 2 ? greedyPlanar(unique, count: count, reference: reference)
            : greedy(unique, count: count, reference: reference)
        return chosen.map { indices[$0] }
    }

    /// Greedy HSSP for two objectives on a lexicographically sorted front (first objective
    /// rising, second falling): a member's contribution is the rectangle between it and the
    /// nearest chosen neighbours on either side (or the reference), O(m) per choice.
    private static func greedyPlanar(_ front: [[Double]], count: Int, reference: [Double]) -> [Int] {
        var alive = Array(front.indices)
        var corners = front.map { _ in reference }
        var chosen: [Int] = []
        for _ in 0..<count {
            var best = 0, bestValue = -Double.infinity
            for (position, i) in alive.enumerated() {
                let value = (corners[i][0] - front[i][0]) * (corners[i][1] - front[i][1])
                if value > bestValue { best = position; bestValue = value }
            }
            let pick = alive.remove(at: best)
            chosen.append(pick)
            // Members before the pick now end at its first objective, those after at its second.
            for i in alive[..<best] { corners[i][0] = Swift.min(corners[i][0], front[pick][0]) }
            for i in alive[best...] { corners[i][1] = Swift.min(corners[i][1], front[pick][1]) }
        }
        return chosen
    }

    /// Greedy HSSP for any number of objectives, lazily (as Optuna's `_lazy_contribs_update`):
    /// a member's gain only shrinks as the chosen set grows (hypervolume is submodular), so a
    /// stale gain bounds the current one, and members are re-evaluated from the largest bound
    /// down until the bound falls below the best gain found. The bound is tightened first by
    /// the gain over the last pick alone. A gain is the member's box less the volume of its
    /// box's overlap with the chosen members' boxes. Picks the member of largest gain, the
    /// lexicographically smaller on a tie, as the plain greedy does.
    private static func greedy(_ front: [[Double]], count: Int, reference: [Double]) -> [Int] {
        func box(_ p: [Double]) -> Double { zip(reference, p).reduce(1) { $0 * ($1.0 - $1.1) } }
        func overlap(_ p: [Double], _ q: [Double]) -> [Double] { zip(p, q).map { Swift.max($0, $1) } }
        var alive = Set(front.indices)
        var bounds = front.map(box)
        var chosen: [Int] = []
        for _ in 0..<count {
            if let last = chosen.last {
                for i in alive { bounds[i] = Swift.min(bounds[i], box(front[i]) - box(overlap(front[i], front[last]))) }
            }
            var best = -1, bestGain = -Double.infinity
            for i in alive.sorted(by: { (bounds[$0], -$0) > (bounds[$1], -$1) }) {
                if bounds[i] < bestGain { break }
                let gain = chosen.isEmpty ? bounds[i]
                    : box(front[i]) - Hypervolume.of(chosen.map { overlap(front[i], front[$0]) }, reference: reference)
                bounds[i] = gain
                if gain > bestGain || (gain == bestGain && i < best) { best = i; bestGain = gain }
            }
            alive.remove(best)
            chosen.append(best)
        }
        return chosen
    }
}
