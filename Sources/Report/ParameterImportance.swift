import Execution
import Foundation

/// How much of the objective's variation each parameter explains on its own.
///
/// Method: the first-order correlation ratio η² of the objective's ranks. For parameter p,
/// the succeeded trials are grouped by p — categorical and ordinal values by value, numeric
/// ones into ⌈√n⌉ (at most 8) bins of equal count — and
///
///     η²(p) = Σ_g n_g (r̄_g − r̄)² / Σ_i (r_i − r̄)²,
///
/// the share of the variance of the ranks r between the groups. Ranks make it indifferent
/// to the objective's scale and outliers (a diverged trial does not dominate). The figures
/// are then scaled to sum to 1. It measures main effects only, like fANOVA's first-order
/// terms without the random forest: a parameter that matters only through an interaction
/// scores low, and with few trials every figure is noisy (the report says how many
/// trials it used).
public enum ParameterImportance {
    /// Importance per parameter (scaled to sum to 1; all zero when nothing varies), in
    /// `names` order, from configurations and their objectives.
    public static func compute(names: [String], configurations: [Configuration], objectives: [Double]) -> [(String, Double)] {
        let n = objectives.count
        guard n >= 3 else { return names.map { ($0, 0) } }
        let ranks = rank(objectives)
        let mean = ranks.reduce(0, +) / Double(n)
        let total = ranks.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let raw = names.map { name -> Double in
            guard total > 0 else { return 0 }
            let groups = group(configurations.map { $0[name] }, binCount: min(8, Int(Double(n).squareRoot().rounded(.up))))
            var between = 0.0
            for members in groups.values {
                let groupMean = members.reduce(0) { $0 + ranks[$1] } / Double(members.count)
                between += Double(members.count) * (groupMean - mean) * (groupMean - mean)
            }
            return between / total
        }
        let sum = raw.reduce(0, +)
        return zip(names, raw.map { sum > 0 ? $0 / sum : 0 }).map { ($0, $1) }
    }

    /// Ranks from 0, ties given their mean rank.
    static func rank(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            for k in i...j { ranks[order[k]] = Double(i + j) / 2 }
            i = j + 1
        }
        return ranks
    }

    /// Indices grouped by value (non-numeric, or few distinct numbers) or by equal-count bins.
    static func group(_ values: [ParameterValue?], binCount: Int) -> [String: [Int]] {
        let numbers = values.map { $0?.numericValue }
        let distinct = Set(values.map { $0?.commandLineText ?? "" })
        if numbers.contains(where: { $0 == nil }) || distinct.count <= binCount {
            return Dictionary(grouping: values.indices) { values[$0]?.commandLineText ?? "" }
        }
        let order = values.indices.sorted { numbers[$0]! < numbers[$1]! }
        var groups: [String: [Int]] = [:]
        for (position, index) in order.enumerated() {
            groups[String(position * binCount / order.count), default: []].append(index)
        }
        return groups
    }
}
