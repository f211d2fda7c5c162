import CLapack

extension GaussianProcess {
    /// An acquisition value at every candidate, exact for the best `keep` and an upper bound
    /// for the rest, at a fraction of the cost of `standardizedPosterior` on large models.
    ///
    /// `score(μ, σ²)` must not decrease in σ² (log EI does not: ∂EI/∂σ = φ(z) > 0). With
    /// `V = L⁻¹ Kc` (Kc = k(X, C), n×m), `σ²ⱼ = σ²_f − Σᵢ Vᵢⱼ²`; forward substitution makes the
    /// first r rows of V depend on the first r rows of L only, so one triangular solve of
    /// order r (r = n/8: 1/64 of the flops) gives every candidate
    ///
    ///     σ̄²ⱼ = σ²_f − Σ_{i<r} Vᵢⱼ² ≥ σ²ⱼ     (the variance given the first r points only),
    ///
    /// and `score(μⱼ, σ̄²ⱼ)` bounds the exact value from above (μ is exact: one `dgemv`).
    /// Candidates are then scored exactly (`standardizedPosterior`) in blocks of 64, highest
    /// bound first, until the next bound falls below the `keep`-th best exact value: every
    /// candidate left is then worse than all of the `keep` best, which are exactly those a
    /// full computation ranks first. On the benchmark's n = 1,000 one block of 64 of the 2,500
    /// candidates sufficed.
    ///
    /// `basis`, when it was made on this model or one this model extends (a batch's earlier
    /// pick; see `CandidateBasis`), stands in for the bounds' kernel evaluations and solve.
    ///
    /// - Returns: the values and which of them are exact; the inexact ones are bounds below
    ///   the `keep`-th best exact value.
    func screenedScores(_ candidates: PointMatrix, keep: Int, basis: CandidateBasis? = nil,
                        score: (Double, Double) -> Double) -> (values: [Double], exact: [Bool]) {
        let n = points.count, m = candidates.count
        guard n >= 128, m > keep, keep > 0 else {
            let (mean, variance) = standardizedPosterior(candidates)
            return ((0..<m).map { score(mean[$0], variance[$0]) }, [Bool](repeating: true, count: m))
        }
        let basis = basis.flatMap { isExtension(of: $0) ? $0 : nil } ?? candidateBasis(candidates)
        let sigma2 = hyperparameters.signalVariance
        let mean = basisMean(basis)
        var values = (0..<m).map { score(mean[$0], max(sigma2 - basis.explained[$0], 0)) }
        var exact = [Bool](repeating: false, count: m)
        // Exact values, highest bound first, 64 at a time, until the next bound cannot reach
        // the keep-th best exact value.
        let order = (0..<m).sorted { (values[$0], $1) > (values[$1], $0) }
        var best: [Double] = []  // the best `keep` exact values so far, descending
        var next = 0
        while next < m {
            if best.count >= keep, values[order[next]] < best[keep - 1] { break }
            let chunk = Array(order[next..<min(next + 64, m)])
            next += chunk.count
            let (mean, variance) = standardizedPosterior(candidates.selecting(chunk))
            for (k, j) in chunk.enumerated() {
                values[j] = score(mean[k], variance[k])
                exact[j] = true
                let at = best.firstIndex { $0 < values[j] } ?? best.count
                if at < keep { best.insert(values[j], at: at) }
                if best.count > keep { best.removeLast() }
            }
        }
        return (values, exact)
    }
}
