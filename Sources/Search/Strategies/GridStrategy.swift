import Foundation

/// Grid search: the cartesian product of every parameter's values, in Grid.ai's order —
/// the first declared parameter varies fastest. For `--number "[1, 2]" --food_item
/// "['pizza', 'hotdog']"` the trials are (1, pizza), (2, pizza), (1, hotdog), (2, hotdog).
///
/// Continuous parameters are refused unless they set `gridPoints`, which spaces that many
/// points evenly over the range (evenly in log space on a log scale). Each call returns the
/// next points of the product that are neither completed nor pending; an empty answer means
/// the grid is exhausted.
public struct GridStrategy: Strategy {
    public var name: String { "grid" }

    /// The largest grid that is enumerated.
    public static let maximumPoints = 10_000_000

    /// Creates the strategy.
    public init() {}

    public func suggest(count: Int, context: SuggestionContext) throws -> [Configuration] {
        let total = try GridStrategy.size(of: context.space)
        let seen = context.seen
        var out: [Configuration] = []
        var index = 0
        while out.count < count && index < total {
            let c = GridStrategy.point(index, of: context.space)
            if !seen.contains(c) { out.append(c) }
            index += 1
        }
        return out
    }

    /// The number of points of the grid over `space`.
    /// - Throws: `StrategyError.continuousParameterInGrid` for a continuous parameter without
    ///   `gridPoints`; `StrategyError.gridTooLarge` past `maximumPoints`.
    public static func size(of space: SearchSpace) throws -> Int {
        var total = 1
        for p in space.parameters {
            let k = try values(of: p).count
            let (product, overflow) = total.multipliedReportingOverflow(by: k)
            guard !overflow, product <= maximumPoints else { throw StrategyError.gridTooLarge }
            total = product
        }
        return total
    }

    /// Every point of the grid, in order.
    public static func points(of space: SearchSpace) throws -> [Configuration] {
        (0..<(try size(of: space))).map { point($0, of: space) }
    }

    /// The grid values of one parameter, in enumeration order.
    public static func values(of parameter: Parameter) throws -> [ParameterValue] {
        switch parameter.domain {
        case .real(let low, let high, let log):
            guard let n = parameter.gridPoints else {
                throw StrategyError.continuousParameterInGrid(parameter: parameter.name)
            }
            if n == 1 { return [.real(SearchSpace.value(atUnit: 0.5, low, high, log))] }
            return (0..<n).map { i in
                let v = SearchSpace.value(atUnit: Double(i) / Double(n - 1), low, high, log)
                return .real(min(max(v, low), high))
            }
        case .integer(let low, let high, let log):
            guard let n = parameter.gridPoints, n < high - low + 1 else { return parameter.domain.values! }
            // Fewer points than integers: spread them over the range, dropping repeats.
            var seen = Set<Int>()
            var out: [ParameterValue] = []
            for i in 0..<n {
                let u = n == 1 ? 0.5 : Double(i) / Double(n - 1)
                let v = min(max(Int(SearchSpace.value(atUnit: u, Double(low), Double(high), log).rounded()), low), high)
                if seen.insert(v).inserted { out.append(.int(v)) }
            }
            return out
        default:
            return parameter.domain.values!
        }
    }

    /// Point `index` of the grid: a mixed-radix number whose least significant digit is the
    /// first parameter. Works for any discrete space; continuous parameters need `gridPoints`.
    static func point(_ index: Int, of space: SearchSpace) -> Configuration {
        var rest = index
        var values: [String: ParameterValue] = [:]
        for p in space.parameters {
            let choices = try! GridStrategy.values(of: p)
            values[p.name] = choices[rest % choices.count]
            rest /= choices.count
        }
        return Configuration(values)
    }
}
