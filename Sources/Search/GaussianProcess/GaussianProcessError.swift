/// Why a Gaussian process cannot be built from the data given.
public enum GaussianProcessError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Inputs and targets have different lengths.
    case countMismatch(inputs: Int, targets: Int)
    /// An input point has the wrong number of coordinates.
    case dimensionMismatch(index: Int, expected: Int, got: Int)
    /// An input point has a NaN or infinite coordinate.
    case nonFiniteInput(index: Int)
    /// A target is NaN or infinite (a strategy must filter or impute those first).
    case nonFiniteTarget(index: Int)

    public var description: String {
        switch self {
        case .countMismatch(let i, let t):
            return "the Gaussian process got \(i) input points but \(t) target values"
        case .dimensionMismatch(let i, let e, let g):
            return "input point \(i) has \(g) coordinates, the model expects \(e)"
        case .nonFiniteInput(let i):
            return "input point \(i) has a NaN or infinite coordinate"
        case .nonFiniteTarget(let i):
            return "target \(i) is NaN or infinite; filter or impute such observations before fitting"
        }
    }
}
