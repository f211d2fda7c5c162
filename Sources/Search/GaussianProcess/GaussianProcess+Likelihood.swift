extension GaussianProcess {
    /// The gradient of `logMarginalLikelihood` with respect to `hyperparameters.logVector`,
    /// `[log σ², log ℓ₁, …, log ℓ_d, log σₙ²]`:
    ///
    ///     ∂ log p / ∂θ = ½ tr(W ∂K/∂θ),   W = ααᵀ − K⁻¹,
    ///     ∂K/∂log σ² = k(X, X),  ∂K/∂log ℓₖ = σ² g(r) Δₖ² / ℓₖ²,  ∂K/∂log σₙ² = σₙ² I
    ///
    /// (g and Δ as in `MaternKernel`; see `MarginalLikelihood` for how it is computed).
    /// Costs a fresh factorization, one inverse from the factor (n³) and one `dsymm` (n²d).
    public func logMarginalLikelihoodGradient() -> [Double] {
        // The factorization succeeded once for these very matrices, so it succeeds again.
        try! MarginalLikelihood(points: points, targets: targets).evaluate(hyperparameters).gradient
    }
}
