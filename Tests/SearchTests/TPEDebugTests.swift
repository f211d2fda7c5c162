import Foundation
import Testing
@testable import Search
@Test func debugAcq() throws {
    let d = 10, n = 60
    let space = try SearchSpace((0..<d).map { Parameter("x\($0)", .real(low: 0, high: 1, log: false)) })
    let X = (0..<n).map { i in (0..<d).map { j in (sin(Double((i + 1) * (j + 3))) * 10000).truncatingRemainder(dividingBy: 1) } }
    let Xf = X.map { $0.map { $0 < 0 ? $0 + 1 : $0 } }
    let Y = Xf.map { $0.reduce(0) { $0 + ($1 - 0.3) * ($1 - 0.3) } }
    let completed = zip(Xf, Y).map { x, y in Observation(Configuration(Dictionary(uniqueKeysWithValues: x.enumerated().map { ("x\($0.offset)", ParameterValue.real($0.element)) })), .value(y)) }
    let layout = ParzenEstimator.Layout(space)
    let split = TPESplit(context: SuggestionContext(space: space, completed: completed), layout: layout, options: .init())
    let l = split.estimator(below: true, priorWeight: 1), g = split.estimator(below: false, priorWeight: 1)
    for p in [Array(repeating: 0.3, count: d), Array(repeating: 0.5, count: d), (0..<d).map { (0.1 * Double($0)).truncatingRemainder(dividingBy: 1) }] {
        let pt = ParzenEstimator.Point(numbers: p, categories: [])
        print("ACQ", l.logDensity(pt) - g.logDensity(pt))
    }
}
@Test func debugChoice() throws {
    let d = 10, n = 60
    let space = try SearchSpace((0..<d).map { Parameter("x\($0)", .real(low: 0, high: 1, log: false)) })
    let X = (0..<n).map { i in (0..<d).map { j in (sin(Double((i + 1) * (j + 3))) * 10000).truncatingRemainder(dividingBy: 1) } }
    let Xf = X.map { $0.map { $0 < 0 ? $0 + 1 : $0 } }
    let Y = Xf.map { $0.reduce(0) { $0 + ($1 - 0.3) * ($1 - 0.3) } }
    let completed = zip(Xf, Y).map { x, y in Observation(Configuration(Dictionary(uniqueKeysWithValues: x.enumerated().map { ("x\($0.offset)", ParameterValue.real($0.element)) })), .value(y)) }
    var vals: [Double] = []
    for r in 0..<2000 {
        let c = try TPEStrategy().suggest(count: 1, context: SuggestionContext(space: space, seed: UInt64(r), completed: completed))[0]
        vals.append((0..<d).reduce(0) { $0 + pow(c["x\($1)"]!.numericValue! - 0.3, 2) })
    }
    print("CHOSEN", vals.reduce(0, +) / 2000, vals.sorted()[1000])
    let layout = ParzenEstimator.Layout(space)
    let split = TPESplit(context: SuggestionContext(space: space, completed: completed), layout: layout, options: .init())
    let l = split.estimator(below: true, priorWeight: 1)
    var rng = SplitMix64(seed: 9)
    var t = 0.0
    for _ in 0..<100000 { t += l.sample(using: &rng).numbers.reduce(0) { $0 + ($1 - 0.3) * ($1 - 0.3) } }
    print("LSAMPLE", t / 100000)
}
