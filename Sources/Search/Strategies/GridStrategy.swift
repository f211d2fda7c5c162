import Foundation

/// Grid search: the cartesian product of every parameter's values, in Grid.ai's order —
/// the first declared parameter varies fastest. For `--number "[1, 2]" --food_item
/// "['pizza', 'hotdog']"` the trials are (1, pizza), (2, pizza), (1, hotdog), (2, hotdog).
/// A conditional space is walked as its tree, branch by branch (`SpaceEnumeration`): with
/// `momentum` only under `optimizer == 'sgd'`, sgd × momentum's values, then adam alone.
///
/// Continuous parameters are refused unless they set `gridPoints`, which spaces that many
/// points evenly over the range (evenly in log space on a log scale). Each call returns the
/// next points of the product that are neither completed nor pending; an empty answer means
/// the grid is exhausted.
public struct GridStrategy: Strategy {
    public var name: String { "grid" }

    /// The next unvisited point costs microseconds: asked on the loop.
    public var answersAtOnce: Bool { true }

    /// The largest grid that is enumerated.
    public static let maximumPoints = 10_000_000

    /// Creates the strategy.
    public init() {}

    public func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
        let grid = try GridStrategy.enumeration(of: context.space)
        // Walk grid indices, not configurations: the points already tried are turned into
        // their indices once, so skipping them costs an integer lookup each.
        var taken = Set<Int>()
        // Straight from the context's lists: building a set of configurations first would hash
        // every dictionary once more per call, and the controller calls once per free slot.
        for c in context.completed.lazy.map(\.configuration) + context.pending {
            if let i = grid.index(of: c) { taken.insert(i) }
        }
        var out: [Configuration] = []
        var index = 0
        while out.count < count && index < grid.count {
            if !taken.contains(index) { out.append(grid.point(index)) }
            index += 1
        }
        return out
    }

    /// The number of points of the grid over `space` (of its conditional tree: each branch's
    /// product, added up).
    /// - Throws: `StrategyError.continuousParameterInGrid` for a continuous parameter without
    ///   `gridPoints`; `StrategyError.gridTooLarge` past `maximumPoints`.
    public static func size(of space: SearchSpace) throws -> Int {
        guard let size = SpaceEnumeration.count(space, limit: maximumPoints, axis: try axis(of: space)) else {
            throw StrategyError.gridTooLarge
        }
        return size
    }

    /// Every point of the grid, in order.
    public static func points(of space: SearchSpace) throws -> [Configuration] {
        let grid = try enumeration(of: space)
        return (0..<grid.count).map(grid.point)
    }

    /// The grid values of one parameter, in enumeration order.
    ///
    /// A continuous range with `gridPoints = n` gives `low + i/(n−1)·(high − low)` for
    /// i = 0…n−1 (in log space on a log scale; the midpoint when n = 1), rounded to 12
    /// significant digits so that a grid reads `0.3` and `0.0001` rather than
    /// `0.30000000000000004` and `9.999999999999991e-05`. An integer range with fewer
    /// `gridPoints` than integers gets that many points spread the same way, rounded,
    /// repeats dropped.
    public static func values(of parameter: Parameter) throws -> [ParameterValue] {
        switch parameter.domain {
        case .real(let low, let high, let log):
            guard let n = parameter.gridPoints else {
                throw StrategyError.continuousParameterInGrid(parameter: parameter.name)
            }
            var seen = Set<Double>()
            var out: [ParameterValue] = []
            for i in 0..<n {
                let u = n == 1 ? 0.5 : Double(i) / Double(n - 1)
                let v = min(max(roundedForDisplay(SearchSpace.value(atUnit: u, low, high, log)), low), high)
                if seen.insert(v).inserted { out.append(.real(v)) }
            }
            return out
        case .integer(let low, let high, let log):
            guard let n = parameter.gridPoints, n < Domain.count(from: low, to: high) ?? .max else {
                return parameter.domain.values!
            }
            // Fewer points than integers: spread them over the range, dropping repeats.
            var seen = Set<Int>()
            var out: [ParameterValue] = []
            for i in 0..<n {
                let u = n == 1 ? 0.5 : Double(i) / Double(n - 1)
                let v = SearchSpace.integer(nearest: SearchSpace.value(atUnit: u, Double(low), Double(high), log),
                                            low: low, high: high)
                if seen.insert(v).inserted { out.append(.int(v)) }
            }
            return out
        default:
            return parameter.domain.values!
        }
    }

    /// The number of grid values of one parameter, without listing a long integer range.
    /// - Throws: `StrategyError.gridTooLarge` for an integer range of more than `Int.max`
    ///   values without `gridPoints`, and for `gridPoints` past `maximumPoints` (they are
    ///   listed one by one).
    private static func axisLength(of parameter: Parameter) throws -> Int {
        switch parameter.domain {
        case .integer(let low, let high, _):
            let count = Domain.count(from: low, to: high)
            if let n = parameter.gridPoints, n < count ?? .max {
                guard n <= maximumPoints else { throw StrategyError.gridTooLarge }
                return try values(of: parameter).count
            }
            guard let count else { throw StrategyError.gridTooLarge }
            return count
        case .real:
            if let n = parameter.gridPoints, n > maximumPoints { throw StrategyError.gridTooLarge }
            return try values(of: parameter).count
        default:
            return try values(of: parameter).count
        }
    }

    /// Each parameter's grid axis, after checking every axis's length: grid search walks
    /// the space's branches (`SpaceEnumeration`) over these values.
    static func axis(of space: SearchSpace) throws -> (Parameter) -> SpaceEnumeration.Axis? {
        var lengths: [String: Int] = [:]
        for p in space.parameters { lengths[p.name] = try axisLength(of: p) }
        return { p in (lengths[p.name]!, { try! values(of: p) }) }
    }

    /// The grid over `space`, numbered.
    static func enumeration(of space: SearchSpace) throws -> SpaceEnumeration {
        guard let grid = SpaceEnumeration(space, limit: maximumPoints, axis: try axis(of: space)) else {
            throw StrategyError.gridTooLarge
        }
        return grid
    }

    /// `v` rounded to 12 significant digits (the nearest double to that decimal): far finer than
    /// any useful grid spacing, far coarser than the ulps that `exp`/`log` leave behind.
    static func roundedForDisplay(_ v: Double) -> Double {
        Double(String(format: "%.12g", v)) ?? v
    }
}
