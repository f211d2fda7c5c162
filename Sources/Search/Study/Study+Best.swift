/// The best trial's parameters and value at a glance, as Optuna's `best_params` and `best_value`.
extension Study {
    /// The parameters of `bestTrial`; nil until a trial completed feasible with a finite value.
    public var bestParameters: Configuration? { bestTrial?.parameters }

    /// The value of `bestTrial`; nil until a trial completed feasible with a finite value.
    public var bestValue: Double? { bestTrial?.value }
}
