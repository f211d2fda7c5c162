import Foundation
import Testing
@testable import Search

/// The Swift `Study` over a conditional space: a trial holds only its active parameters.
@Suite struct StudyConditionalTests {
    static let space = try! SearchSpace([
        Parameter("optimizer", .categorical([.string("sgd"), .string("adam")])),
        Parameter("momentum", .real(low: 0, high: 0.99, log: false), when: .equals("optimizer", .string("sgd"))),
        Parameter("lr", .real(low: 1e-4, high: 1, log: true)),
    ])

    @Test(arguments: [StrategyChoice.random, .tpe(), .bayes()])
    func aTrialHoldsOnlyItsActiveParameters(_ strategy: StrategyChoice) throws {
        let study = try Study(space: Self.space, strategy: strategy, seed: 2)
        for _ in 0..<14 {
            let t = try study.ask()
            if try t.string("optimizer") == "sgd" {
                let m = try t.real("momentum")
                try study.tell(t, value: (m - 0.9) * (m - 0.9) + pow(log10(try t.real("lr")) + 2, 2))
            } else {
                #expect(throws: StudyError.missingParameter(trial: t.number, name: "momentum")) { try t.real("momentum") }
                try study.tell(t, value: 1 + pow(log10(try t.real("lr")) + 2, 2))
            }
        }
        #expect(study.trials.allSatisfy { Self.space.contains($0.parameters) })
        #expect(Set(study.trials.map { $0.parameters["optimizer"]! }).count == 2)
    }
}
