import Foundation

/// Random search: each suggestion is drawn independently from the space.
///
/// Suggestion i is drawn from its own stream `SplitMix64(seed, index: i)`, so it depends only
/// on (seed, i) — and, in a discrete space, on which points were already tried: a draw that
/// repeats a completed or pending configuration is redrawn from the same stream while
/// unexplored points remain. Over an all-discrete space this is Grid.ai's `random_search`:
/// N distinct combinations of the product.
public struct RandomStrategy: Strategy {
    public var name: String { "random" }

    /// A draw costs microseconds (a set of the seen points in a discrete space): asked on the loop.
    public var answersAtOnce: Bool { true }

    /// Creates the strategy; its randomness comes from the context's seed.
    public init() {}

    public func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
        let space = context.space
        let cardinality = space.cardinality
        // Only points of the space count towards exhausting it: a stale configuration from
        // another space (a resumed run whose space changed) must not end the search early.
        // Only a discrete space can repeat a point, or a conditional one (a branch without
        // continuous parameters); a continuous one never needs the history.
        var seen: Set<Configuration> = cardinality == nil && !space.isConditional ? [] : context.seen.filter { space.contains($0) }
        var out: [Configuration] = []
        for k in 0..<max(count, 0) {
            if let c = cardinality, seen.count >= c { break }
            var rng = SplitMix64(seed: context.seed, index: context.suggestionIndex + k, salt: 1)
            let configuration = RandomStrategy.draw(space, avoiding: seen, cardinality: cardinality, using: &rng)
            seen.insert(configuration)
            out.append(configuration)
        }
        return out
    }

    /// Draws a configuration. In a discrete space it avoids `seen`: first by redrawing, then,
    /// when the space is nearly exhausted, by choosing uniformly among the unseen points.
    /// When every point is seen (a caller that did not check), it returns a plain draw. In a
    /// continuous space it redraws a repeat (only a conditional space can draw one).
    static func draw(_ space: SearchSpace, avoiding seen: Set<Configuration>, cardinality: Int?,
                     using rng: inout SplitMix64) -> Configuration {
        guard let cardinality else {
            // A continuous space repeats a point only in a branch without continuous
            // parameters (adam alone, beside sgd × momentum): redraw those.
            var c = sample(space, using: &rng)
            for _ in 0..<64 where seen.contains(c) { c = sample(space, using: &rng) }
            return c
        }
        for _ in 0..<64 {
            let c = sample(space, using: &rng)
            if !seen.contains(c) { return c }
        }
        // 64 draws in a row hit tried points, which is unlikely unless most of the space is
        // tried: list the untried points and pick one uniformly.
        let all = enumeration(of: space)
        let unseen = (0..<cardinality).map(all.point).filter { !seen.contains($0) }
        guard !unseen.isEmpty else { return sample(space, using: &rng) }
        return unseen[Int(rng.next() % UInt64(unseen.count))]
    }

    /// Point `index` of the space's configurations (`SpaceEnumeration` over every domain's values).
    /// - Precondition: the space is discrete.
    static func point(_ index: Int, of space: SearchSpace) -> Configuration {
        enumeration(of: space).point(index)
    }

    /// The configurations of a discrete space, numbered (the first parameter fastest, branch by branch).
    static func enumeration(of space: SearchSpace) -> SpaceEnumeration {
        SpaceEnumeration(space, limit: .max) { p in p.domain.cardinality.map { (count: $0, values: { p.domain.values! }) } }!
    }

    /// One independent draw of every active parameter, in declared order: a parameter whose
    /// condition does not hold for the values drawn before it is left out (and draws nothing).
    public static func sample(_ space: SearchSpace, using rng: inout SplitMix64) -> Configuration {
        var values: [String: ParameterValue] = [:]
        for p in space.parameters where space.isActive(p, given: values) {
            values[p.name] = sample(p.domain, using: &rng)
        }
        return Configuration(values)
    }

    /// An integer of `low…high`, uniform up to the modulo bias of a 64-bit draw. The
    /// arithmetic is in `UInt64`, where `high − low` always fits (it does not in `Int` for
    /// `randint(-9223372036854775808, 0)`); the full range `Int.min…Int.max` takes the
    /// draw as it is.
    static func uniformInteger(_ low: Int, _ high: Int, using rng: inout SplitMix64) -> Int {
        let span = UInt64(bitPattern: Int64(high &- low))
        let offset = span == .max ? rng.next() : rng.next() % (span + 1)
        return low &+ Int(bitPattern: UInt(offset))
    }

    /// One draw from a domain: uniform, or uniform in log space for log scales.
    public static func sample(_ domain: Domain, using rng: inout SplitMix64) -> ParameterValue {
        switch domain {
        case .real(let low, let high, let log):
            let v = SearchSpace.value(atUnit: rng.nextUnit(), low, high, log)
            return .real(min(max(v, low), high))
        case .integer(let low, let high, let log):
            if !log { return .int(uniformInteger(low, high, using: &rng)) }
            let v = SearchSpace.value(atUnit: rng.nextUnit(), Double(low) - 0.5, Double(high) + 0.5, true)
            return .int(SearchSpace.integer(nearest: v, low: low, high: high))
        case .categorical(let values), .ordinal(let values):
            return values[Int(rng.next() % UInt64(values.count))]
        case .constant(let v):
            return v
        }
    }
}
