/// "Did you mean …?" for misspelt names: of the candidates, the one closest to the name, if
/// it is close enough to be the likely intent.
public enum NameSuggestion {
    /// The candidate equal to `name` ignoring case, or else the nearest within two edits
    /// (insert, delete, substitute, swap neighbours) — one edit for names under five letters.
    /// Ties go to the earlier candidate.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let lower = name.lowercased()
        let limit = lower.count < 5 ? 1 : 2
        var best: (candidate: String, distance: Int)?
        for c in candidates {
            let d = editDistance(lower, c.lowercased())
            if d <= limit, d < (best?.distance ?? Int.max) { best = (c, d) }
        }
        return best?.candidate
    }

    /// Optimal-string-alignment distance: Levenshtein plus transposition of adjacent letters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
