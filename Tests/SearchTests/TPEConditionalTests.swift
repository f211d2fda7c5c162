import Testing
@testable import Search

/// TPE over a conditional space: a parameter is modelled from the trials where it was active.
@Suite struct TPEConditionalTests {
    static let space = try! SearchSpace([
        Parameter("optimizer", .categorical([.string("sgd"), .string("adam")])),
        Parameter("momentum", .real(low: 0, high: 1, log: false), when: .equals("optimizer", .string("sgd"))),
    ])

    @Test func anObservationWithoutTheParameterLendsItTheOthersMixture() {
        // With A (momentum 0.2), B (momentum inactive) and the prior, weights ⅓ each: B stands
        // in with (K_A + K_prior)/2, so p(x) = ½ K_A(x) + ½ K_prior(x) — the estimator of A alone.
        let layout = ParzenEstimator.Layout(Self.space)
        let a = layout.point(["optimizer": .string("sgd"), "momentum": .real(0.2)], in: Self.space)
        let b = layout.point(["optimizer": .string("adam")], in: Self.space)
        #expect(b.numbers[0].isNaN && b.categories[0] == 1)
        let withB = ParzenEstimator(layout: layout, observations: [a, b], weights: [1, 1], priorWeight: 1)
        let alone = ParzenEstimator(layout: layout, observations: [a], weights: [1], priorWeight: 1)
        for u in [0.0, 0.2, 0.5, 0.9] {
            #expect(abs(withB.logMarginal(number: 0, u) - alone.logMarginal(number: 0, u)) < 1e-12)
            #expect(withB.logDensity(ParzenEstimator.Point(numbers: [u], categories: [0])).isFinite)
        }
        // A point without momentum is scored on the optimizer alone: against an estimator that
        // never saw momentum, B's and the prior's optimizer factors are the same.
        let adam = ParzenEstimator.Point(numbers: [.nan], categories: [1])
        let optimizerOnly = try! SearchSpace([Self.space.parameters[0]])
        let plain = ParzenEstimator(layout: ParzenEstimator.Layout(optimizerOnly),
                                    observations: [.init(numbers: [], categories: [0]), .init(numbers: [], categories: [1])],
                                    weights: [1, 1], priorWeight: 1)
        #expect(abs(withB.logDensity(adam) - plain.logDensity(.init(numbers: [], categories: [1]))) < 1e-12)
    }

    @Test func drawsGiveMomentumOnlyWithSGDAndNearTheGoodTrials() throws {
        // The good trials are sgd with momentum near 0.8; adam trials are worse.
        var completed: [Observation] = []
        for i in 0..<30 {
            let c: Configuration = i % 2 == 0
                ? ["optimizer": .string("sgd"), "momentum": .real(Double(i) / 30)]
                : ["optimizer": .string("adam")]
            let value = c["momentum"].map { abs($0.numericValue! - 0.8) } ?? 1
            completed.append(Observation(c, .value(value)))
        }
        let next = try TPEStrategy().suggest(count: 8, context: SuggestionContext(space: Self.space, seed: 4, completed: completed))
        #expect(next.allSatisfy(Self.space.contains))
        let momenta = next.compactMap { $0["momentum"]?.numericValue }
        #expect(momenta.count >= 6, "\(next)")
        #expect(momenta.filter { abs($0 - 0.8) < 0.25 }.count >= momenta.count / 2, "\(momenta)")
    }
}
