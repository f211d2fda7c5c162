import Foundation
import Testing
@testable import Search

/// How `BayesStrategy` learns from learning curves under a successive-halving rule
/// (`Options.multiFidelity`).
@Suite struct BayesFidelityTests {
    static let line = try! SearchSpace([Parameter("x", .real(low: 0, high: 1, log: false))])
    /// Rungs at 1, 3, 9, 27 below a full length of 81 (ASHA with η = 3).
    static let ladder = ResourceLadder(minResource: 1, reductionFactor: 3, maxResource: 81)
    static let options = BayesStrategy.Options(candidateCount: 400, localCandidateCount: 100, refineStarts: 2)

    static func at(_ x: Double) -> Configuration { Configuration(["x": .real(x)]) }

    /// A curve with one point at each of `steps`, every value `value(step)`.
    static func curve(_ steps: [Int], _ value: (Int) -> Double) -> [LearningCurve.Point] {
        steps.map { LearningCurve.Point(step: $0, value: value($0)) }
    }

    /// Twelve trials on a bowl with its bottom at x = 0.8, their curves (x − 0.8)² + 1/step:
    /// the four nearest the bottom reached step 3, the others were pruned at step 1; one trial
    /// at x = 0.05 ran to the end (81 steps), so its final value is the best of all, though
    /// at rung 1 it stood as far above it as the others.
    static func bowlTrials() -> [Observation] {
        func bowl(_ x: Double) -> Double { (x - 0.8) * (x - 0.8) }
        let pruned = (0..<12).map { i -> Observation in
            let x = (Double(i) + 0.5) / 12
            let steps = abs(x - 0.8) < 0.2 ? [1, 2, 3] : [1]
            return Observation(at(x), .pruned(value: bowl(x) + 1 / Double(steps.last!)),
                               curve: curve(steps) { bowl(x) + 1 / Double($0) })
        }
        return pruned + [Observation(at(0.05), .value(bowl(0.05)),
                                     curve: curve(Array(1...81)) { bowl(0.05) + 1 / Double($0) })]
    }

    @Test func aRungsValueIsTheFirstPointAtOrPastIt() {
        let points = Self.curve([1, 2, 4, 8]) { Double($0) }
        #expect(BayesStrategy.value(of: points, at: 1) == 1)
        #expect(BayesStrategy.value(of: points, at: 3) == 4)
        #expect(BayesStrategy.value(of: points, at: 8) == 8)
        #expect(BayesStrategy.value(of: points, at: 9) == nil)
        #expect(BayesStrategy.value(of: [], at: 1) == nil)
    }

    @Test func theLadderListsRungsBelowTheFullLength() {
        #expect(Self.ladder.rungs(upTo: 100) == [1, 3, 9, 27])
        #expect(Self.ladder.rungs(upTo: 5) == [1, 3])
        #expect(ResourceLadder(minResource: 2, reductionFactor: 2).rungs(upTo: 20) == [2, 4, 8, 16])
    }

    /// Eight trials stopped at rung 1, three of which went on to rung 3, one completed:
    /// with three values needed (d + 2), rung 3 is the highest level with enough.
    @Test func theModelIsFittedAtTheHighestRungWithEnoughValues() throws {
        var completed: [Observation] = []
        for i in 0..<8 {
            let x = Double(i) / 8
            let steps = i < 3 ? [1, 2, 3] : [1]
            completed.append(Observation(Self.at(x), .pruned(value: x), curve: Self.curve(steps) { _ in x }))
        }
        completed.append(Observation(Self.at(0.95), .value(0.1), curve: Self.curve(Array(1...81)) { _ in 0.1 }))
        let context = SuggestionContext(space: Self.line, seed: 1, completed: completed, resources: Self.ladder)
        let view = try #require(BayesStrategy(options: Self.options).rungView(context, ladder: Self.ladder, minimumPoints: 3))
        #expect(view.level == 3)
        #expect(view.data.count == 4)  // trials 0, 1, 2 and the completed one
        #expect(view.data.finiteCount == 4)
    }

    /// A running trial with a value at the model's level is data; one below it is pending.
    @Test func runningTrialsAreDataAtTheirRungAndPendingBelowIt() throws {
        let completed = (0..<4).map { i in
            Observation(Self.at(Double(i) / 4), .pruned(value: 1), curve: Self.curve([1]) { _ in 1 })
        }
        let above = Self.at(0.9), below = Self.at(0.6), unstarted = Self.at(0.3)
        let context = SuggestionContext(space: Self.line, seed: 1, completed: completed,
                                        pending: [above, below, unstarted],
                                        pendingCurves: [above: Self.curve([1, 2]) { _ in 0.5 }, below: []],
                                        resources: Self.ladder)
        let view = try #require(BayesStrategy(options: Self.options).rungView(context, ladder: Self.ladder, minimumPoints: 3))
        #expect(view.level == 1)
        #expect(view.data.count == 5)
        #expect(view.pending == [below, unstarted])
    }

    /// Twelve trials trace a bowl with its bottom at x = 0.8: all stopped at rung 1 or 3 (the
    /// four nearest the bottom went on to rung 3, as ASHA promotes), each curve falling as
    /// 1/step; the only completed trial sits far from the bottom. Learning from the rungs,
    /// the next suggestion lands near the bottom; from final values alone the model sees the
    /// completed trial as the best and cannot know.
    @Test(arguments: [BayesStrategy.MultiFidelity.highestRung, .shiftedRungs, .learnedShifts, .cappedShifts])
    func theRungsValuesLeadTheSearchWhereFinalValuesAreTooFew(_ method: BayesStrategy.MultiFidelity) throws {
        let completed = Self.bowlTrials()
        var options = Self.options
        options.initialDesignSize = 5
        options.multiFidelity = method
        for seed in UInt64(1)...3 {
            let context = SuggestionContext(space: Self.line, seed: seed, completed: completed, resources: Self.ladder)
            let next = try #require(try BayesStrategy(options: options).suggest(count: 1, context: context).first)
            #expect(Self.line.contains(next), "seed \(seed): \(next) is not a configuration of the space")
            #expect(abs(next["x"]!.numericValue! - 0.8) < 0.1, "seed \(seed): \(next)")
        }
    }

    /// `.off` ignores curves and rungs: the suggestions are those of a context without them.
    @Test func offIgnoresCurvesAndRungs() throws {
        var completed: [Observation] = []
        var bare: [Observation] = []
        for i in 0..<9 {
            let x = (Double(i) + 0.5) / 9
            let outcome: Outcome = i % 3 == 0 ? .value(x) : .pruned(value: x)
            completed.append(Observation(Self.at(x), outcome, curve: Self.curve([1, 3]) { _ in x }))
            bare.append(Observation(Self.at(x), outcome))
        }
        var options = Self.options
        options.multiFidelity = .off
        let strategy = BayesStrategy(options: options)
        let withCurves = try strategy.suggest(count: 2, context: SuggestionContext(
            space: Self.line, seed: 4, completed: completed, resources: Self.ladder))
        let without = try strategy.suggest(count: 2, context: SuggestionContext(space: Self.line, seed: 4, completed: bare))
        #expect(withCurves == without)
    }

    /// Without rungs in the context (no successive-halving rule), curves change nothing.
    @Test func withoutRungsCurvesChangeNothing() throws {
        var completed: [Observation] = []
        var bare: [Observation] = []
        for i in 0..<9 {
            let x = (Double(i) + 0.5) / 9
            completed.append(Observation(Self.at(x), .value(x * x), curve: Self.curve([1, 2]) { _ in 1 - x }))
            bare.append(Observation(Self.at(x), .value(x * x)))
        }
        let strategy = BayesStrategy(options: Self.options)
        #expect(try strategy.suggest(count: 2, context: SuggestionContext(space: Self.line, seed: 2, completed: completed))
                == strategy.suggest(count: 2, context: SuggestionContext(space: Self.line, seed: 2, completed: bare)))
    }

    /// The shifted-rungs model: each trial once, at its highest level, shifted by the median
    /// gain of the trials that went on; the top level's trials are the incumbent's candidates.
    /// Learned shifts give the same with one observed gain per level (too few for a GP).
    @Test(arguments: [BayesStrategy.MultiFidelity.shiftedRungs, .learnedShifts])
    func shiftedRungsPutEveryTrialOnTheTopLevelsScale(_ method: BayesStrategy.MultiFidelity) throws {
        // Curves 1/step + c: the gain from rung 1 to 3 is 2/3, from 3 to 9 is 2/9.
        let low = Observation(Self.at(0.1), .pruned(value: 1.5), curve: Self.curve([1]) { 1 / Double($0) + 0.5 })
        let middle = Observation(Self.at(0.4), .pruned(value: 0.6), curve: Self.curve([1, 3]) { 1 / Double($0) + 0.3 })
        let high = Observation(Self.at(0.7), .pruned(value: 0.3), curve: Self.curve([1, 3, 9]) { 1 / Double($0) + 0.2 })
        let running = Self.at(0.9), fresh = Self.at(0.3)
        let context = SuggestionContext(space: Self.line, seed: 1, completed: [low, middle, high],
                                        pending: [running, fresh],
                                        pendingCurves: [running: Self.curve([1, 2, 3]) { 1 / Double($0) + 0.1 }],
                                        resources: Self.ladder)
        var options = Self.options
        options.warp = .none
        options.multiFidelity = method
        let view = try #require(BayesStrategy(options: options).multiFidelityView(context))
        #expect(view.data.count == 4)
        #expect(view.pending == [fresh])
        // Each value on rung 9's scale: 1/9 + c.
        let expected = [0.5, 0.3, 0.2, 0.1].map { 1.0 / 9 + $0 }
        for (value, want) in zip(view.data.losses, expected) { #expect(abs(value - want) < 1e-12) }
        #expect(view.data.measured == [false, false, true, false])
    }

    /// Curves that cross: trials at x < 0.5 run 0.5 + 0.2/step (ahead at rung 1, flat after),
    /// trials at x > 0.5 run 0.1 + 1.2/step (behind at rung 1, ahead from rung 3 on). Three of
    /// each went on to rung 3; of the two stopped at rung 1, the one at x = 0.85 would be the
    /// better at rung 3 (0.5 against 0.567). One median shift (0.467) keeps rung 1's order and
    /// puts x = 0.15 first; shifts learned per configuration put each near its rung-3 value.
    @Test func learnedShiftsFollowCurvesThatCross() throws {
        func flat(_ step: Int) -> Double { 0.5 + 0.2 / Double(step) }
        func deep(_ step: Int) -> Double { 0.1 + 1.2 / Double(step) }
        var completed: [Observation] = []
        for x in [0.1, 0.2, 0.3, 0.7, 0.8, 0.9] {
            let f = x < 0.5 ? flat : deep
            completed.append(Observation(Self.at(x), .pruned(value: f(3)), curve: Self.curve([1, 2, 3], f)))
        }
        completed.append(Observation(Self.at(0.15), .pruned(value: flat(1)), curve: Self.curve([1], flat)))
        completed.append(Observation(Self.at(0.85), .pruned(value: deep(1)), curve: Self.curve([1], deep)))
        let context = SuggestionContext(space: Self.line, seed: 1, completed: completed, resources: Self.ladder)
        var options = Self.options
        options.warp = .none
        options.multiFidelity = .learnedShifts
        let learned = try #require(BayesStrategy(options: options).multiFidelityView(context)).data.losses
        #expect(abs(learned[6] - flat(3)) < 0.1, "x = 0.15: \(learned[6])")
        #expect(abs(learned[7] - deep(3)) < 0.1, "x = 0.85: \(learned[7])")
        #expect(learned[7] < learned[6])
        options.multiFidelity = .shiftedRungs
        let median = try #require(BayesStrategy(options: options).multiFidelityView(context)).data.losses
        #expect(median[7] > median[6])
        // Capped at the median shift: the early leader keeps its small learned shift, the
        // late bloomer gets the median one (1.3 − 0.467).
        options.multiFidelity = .cappedShifts
        let capped = try #require(BayesStrategy(options: options).multiFidelityView(context)).data.losses
        #expect(abs(capped[6] - flat(3)) < 0.1, "x = 0.15: \(capped[6])")
        #expect(abs(capped[7] - median[7]) < 1e-12)
    }

    /// The best guess under ASHA comes from the rungs: near the bowl's bottom, although the
    /// one completed trial (far from it) has the best final value.
    @Test func theBestGuessComesFromTheRungs() throws {
        let completed = Self.bowlTrials()
        let context = SuggestionContext(space: Self.line, seed: 1, completed: completed, resources: Self.ladder)
        let guess = try #require(BayesStrategy(options: Self.options).bestGuess(context: context))
        #expect(abs(guess.configuration["x"]!.numericValue! - 0.8) < 0.1)
        #expect(guess.level == nil)  // shifted rungs, the default: every rung at once
        var highest = Self.options
        highest.multiFidelity = .highestRung
        let atRung = try #require(BayesStrategy(options: highest).bestGuess(context: context))
        #expect(abs(atRung.configuration["x"]!.numericValue! - 0.8) < 0.1)
        #expect(atRung.level == 3)
        var off = Self.options
        off.multiFidelity = .off
        let final = try #require(BayesStrategy(options: off).bestGuess(context: context))
        #expect(final.level == nil)
    }
}
