import Foundation

/// Fitted hyperparameters kept in memory, keyed by everything the fit depends on: the data it
/// saw, its options and its random stream. A lookup either finds the value a fresh fit would
/// compute or runs that fit, so whether an entry is there changes how long a suggestion takes,
/// never what it is: a resumed run (empty cache) suggests what an uninterrupted one would.
///
/// `BayesStrategy` stores the multi-start fits it makes at anchor sizes (see
/// `BayesStrategy.anchorCount`) and warm-starts the fits in between from them. The cache is
/// shared by every strategy of the process (`shared`), so the Study's workers use it at the
/// same time: a lock guards the entries, and a fit runs outside it (two workers missing the
/// same key both fit and store the same value).
public final class HyperparameterCache: @unchecked Sendable {
    /// The process-wide cache `BayesStrategy` uses unless given another.
    public static let shared = HyperparameterCache()

    /// What a fit depends on.
    struct Key: Hashable {
        /// The stream the fit's random starts and subset come from.
        var seed: UInt64
        var index: Int
        /// The encoded inputs, flat, and their dimension.
        var points: [Double]
        var dimension: Int
        /// The standardized targets.
        var targets: [Double]
        var options: GaussianProcess.FitOptions
    }

    /// The most entries kept; the oldest goes first.
    public let capacity: Int
    private let lock = NSLock()
    private var entries: [Key: GaussianProcess.Hyperparameters] = [:]
    private var order: [Key] = []
    private var hitCount = 0
    private var missCount = 0

    /// Creates an empty cache of at most `capacity` entries (at least one). An entry holds its
    /// fit's data: at the model cap of 2,000 points in 10 dimensions, about 170 kB.
    public init(capacity: Int = 32) {
        self.capacity = max(1, capacity)
    }

    /// The value stored under `key`, or `fit()` stored and returned.
    func value(for key: Key, fit: () -> GaussianProcess.Hyperparameters) -> GaussianProcess.Hyperparameters {
        if let found = lock.withLock({ () -> GaussianProcess.Hyperparameters? in
            let found = entries[key]
            if found != nil { hitCount += 1 } else { missCount += 1 }
            return found
        }) {
            return found
        }
        let value = fit()
        lock.withLock {
            guard entries[key] == nil else { return }
            entries[key] = value
            order.append(key)
            if order.count > capacity { entries[order.removeFirst()] = nil }
        }
        return value
    }

    /// Entries held now.
    public var count: Int { lock.withLock { entries.count } }

    /// Lookups answered from the cache, and lookups that had to fit, since creation.
    public var statistics: (hits: Int, misses: Int) { lock.withLock { (hitCount, missCount) } }

    /// Forgets every entry (the statistics stay).
    public func removeAll() {
        lock.withLock {
            entries.removeAll()
            order.removeAll()
        }
    }
}
