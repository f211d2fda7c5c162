/// A multiset of numbers kept in ascending order, NaN after every number (+∞ included):
/// the values recorded at one step, for rank, median and cutoff queries by index.
///
/// A sorted array rather than a tree: a lookup is a binary search, an insertion a binary
/// search and a `memmove` of at most a few thousand doubles (a few microseconds at 6,000
/// trials), and reads are plain indexing.
struct RankedValues: Sendable, Hashable {
    private(set) var elements: [Double] = []

    /// How many values are recorded.
    var count: Int { elements.count }

    /// The ascending order with NaN last; NaNs are equal to each other.
    static func precedes(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN { return false }
        return b.isNaN || a < b
    }

    /// The index of the first element not preceding `x`.
    func lowerBound(_ x: Double) -> Int {
        var (low, high) = (0, elements.count)
        while low < high {
            let mid = (low + high) / 2
            if Self.precedes(elements[mid], x) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Adds `x`.
    mutating func insert(_ x: Double) {
        elements.insert(x, at: lowerBound(x))
    }

    /// Removes one element equal to `x` (NaN removes a NaN); false when there is none.
    @discardableResult
    mutating func remove(_ x: Double) -> Bool {
        let i = lowerBound(x)
        guard i < elements.count, !Self.precedes(x, elements[i]) else { return false }
        elements.remove(at: i)
        return true
    }

    /// The values as if one element equal to `removing` were taken out and `adding` put in,
    /// without copying: what a rule compares a trial with when the history holds the trial's
    /// own value (to leave out) and the rule judges a value of its own (to count).
    func adjusted(removing: Double?, adding: Double?) -> Ranking {
        var ranking = Ranking(base: elements)
        if let removing {
            let i = lowerBound(removing)
            if i < elements.count, !Self.precedes(removing, elements[i]) { ranking.removed = i }
        }
        if let adding {
            var at = lowerBound(adding)
            if let r = ranking.removed, r < at { at -= 1 }
            ranking.added = (at, adding)
        }
        return ranking
    }

    /// A sorted view of a `RankedValues` with at most one element left out and one put in.
    struct Ranking: Sendable {
        fileprivate let base: [Double]
        fileprivate var removed: Int?
        fileprivate var added: (index: Int, value: Double)?

        /// How many values the view holds.
        var count: Int { base.count - (removed == nil ? 0 : 1) + (added == nil ? 0 : 1) }

        /// The `i`-th smallest value (0-based).
        subscript(i: Int) -> Double {
            var i = i
            if let added {
                if i == added.index { return added.value }
                if i > added.index { i -= 1 }
            }
            if let removed, i >= removed { i += 1 }
            return base[i]
        }
    }
}
