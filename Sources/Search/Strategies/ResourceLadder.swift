/// The resource levels at which a successive-halving rule compares trials: rung k at step
/// r·η^k (r = `minResource`, η = `reductionFactor`), strictly below `maxResource` when one
/// is known. Hyperband's brackets start at r·η^b, so every bracket's rungs lie on the same
/// ladder.
///
/// Handed to a strategy through `SuggestionContext.resources`, it tells a multi-fidelity
/// model where in each learning curve to read a comparable value: a trial's value at rung k
/// is the value of its first point at a step ≥ the rung's step, as the rule reads it.
public struct ResourceLadder: Hashable, Sendable {
    /// The step of the first rung.
    public var minResource: Int
    /// η: each rung lies η times further than the one before.
    public var reductionFactor: Int
    /// The steps of a full trial, when known; rungs lie strictly below it.
    public var maxResource: Int?

    /// Creates a ladder. `minResource` is at least 1 and `reductionFactor` at least 2.
    public init(minResource: Int, reductionFactor: Int, maxResource: Int? = nil) {
        self.minResource = max(1, minResource)
        self.reductionFactor = max(2, reductionFactor)
        self.maxResource = maxResource
    }

    /// The rung steps at or below `limit`, ascending (and below `maxResource`).
    public func rungs(upTo limit: Int) -> [Int] {
        var out: [Int] = []
        var step = minResource
        while step <= limit, maxResource.map({ step < $0 }) ?? true {
            out.append(step)
            let (next, overflow) = step.multipliedReportingOverflow(by: reductionFactor)
            if overflow { break }
            step = next
        }
        return out
    }
}
