import Search
import Testing
@testable import LearningCurves

@Suite struct MultiFidelityMethodTests {
    @Test func everyMultiFidelityCaseIsBenchmarkedWithASHAAndEveryModelBasedOneWithHyperband() {
        let names = MultiFidelityMethod.all().map(\.name)
        let cases = BayesStrategy.MultiFidelity.allCases
        #expect(names.first == "hpo-random-asha")
        for c in cases { #expect(names.contains("hpo-bayes-asha-\(c.rawValue)")) }
        for c in cases where c != .off { #expect(names.contains("hpo-bayes-hyperband-\(c.rawValue)")) }
        #expect(names.count == 1 + cases.count + cases.count - 1)
        #expect(Set(names).count == names.count)
    }

    @Test func eachMethodGetsItsRuleWithTheTasksLengthAndItsMultiFidelityMode() throws {
        let task = LearningCurveTask(name: "t", space: try SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false))]),
                                     length: 27, optimum: nil)
        for method in MultiFidelityMethod.all() {
            let study = try method.study(for: task, seed: 1, rungs: .init(minResource: 1, reductionFactor: 3))
            let rule = try #require(study.earlyStopping)
            #expect(rule.name == (method.name.contains("hyperband") ? "hyperband" : "asha"))
            #expect(rule.resources?.maxResource == 27)
            if let mode = method.bayes?.multiFidelity { #expect(method.name.hasSuffix(mode.rawValue)) }
        }
    }
}
