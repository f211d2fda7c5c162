import Search

/// The strategy a sweep names. The one place that maps names to strategies.
func makeStrategy(name: String) throws -> any Strategy {
    switch name {
    case "grid": return GridStrategy()
    case "random": return RandomStrategy()
    case "bayes": return BayesStrategy()
    default: throw InputError("--strategy \"\(name)\": unknown strategy; choose grid, random or bayes")
    }
}
