/// Why a factorization or solve of the Gaussian process could not be done.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The matrix stayed indefinite even after adding `jitter` to its diagonal.
    case notPositiveDefinite(order: Int, jitter: Double)
    /// The matrix holds NaN or infinite entries, so no factorization is meaningful.
    case nonFiniteEntries(order: Int)
    /// LAPACK reported an argument error (a bug in the caller, never in the data).
    case lapack(routine: String, info: Int32)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let n, let jitter):
            return "the \(n)×\(n) covariance matrix is not positive definite even with jitter \(jitter) "
                + "on its diagonal; the observations are probably duplicated with very different values"
        case .nonFiniteEntries(let n):
            return "the \(n)×\(n) covariance matrix holds NaN or infinite entries; check the hyperparameters"
        case .lapack(let routine, let info):
            return "LAPACK \(routine) rejected its arguments (info \(info)); this is a bug in hpo, please report it"
        }
    }
}
