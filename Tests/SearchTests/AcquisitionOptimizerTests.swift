import Foundation
import Testing
@testable import Search

/// The acquisition search finds the maximum of log EI and only proposes representable points.
@Suite struct AcquisitionOptimizerTests {
    static let optimizer = AcquisitionOptimizer(candidateCount: 2000, localCandidateCount: 500, refineStarts: 5,
                                                refineIterations: 30)

    /// A model of a 2-D function with two basins, observed at 12 Halton points.
    static func twoBasinModel() throws -> (GaussianProcess, Double) {
        let halton = ScrambledHalton(dimension: 2, seed: 4)
        let xs = (0..<12).map { halton.point($0) }
        let ys = xs.map { x in
            -exp(-30 * (pow(x[0] - 0.8, 2) + pow(x[1] - 0.2, 2))) - 0.6 * exp(-20 * (pow(x[0] - 0.2, 2) + pow(x[1] - 0.7, 2)))
        }
        let gp = try GaussianProcess(inputs: xs, targets: ys,
                                     hyperparameters: .init(signalVariance: 1, lengthScales: [0.2, 0.25], noiseVariance: 1e-6))
        let best = ys.map(gp.standardization.standardize).min()!
        return (gp, best)
    }

    @Test func findsTheMaximumOfLogEIAtLeastAsWellAsADenseGrid() throws {
        let (gp, best) = try Self.twoBasinModel()
        let space = try SearchSpace([Parameter("a", .real(low: 0, high: 1, log: false)),
                                     Parameter("b", .real(low: 0, high: 1, log: false))])
        var rng = SplitMix64(seed: 1)
        let ranked = Self.optimizer.rank(model: gp, best: best, layout: CubeLayout(space), incumbents: [], using: &rng)
        let grid = (0...200).flatMap { i in (0...200).map { j in [Double(i) / 200, Double(j) / 200] } }
        let gridBest = Self.optimizer.score(grid, model: gp, best: best).max()!
        // The refined optimum must reach the grid's best value (which is itself below the true maximum).
        #expect(ranked[0].value >= gridBest - 1e-9 * abs(gridBest), "found \(ranked[0].value), grid \(gridBest)")
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.value >= $1.value })
    }

    @Test func everyCandidateOfAMixedSpaceIsARepresentablePoint() throws {
        let space = try SearchSpace([
            Parameter("lr", .real(low: 1e-5, high: 1e-1, log: true)),
            Parameter("layers", .integer(low: 1, high: 8, log: false)),
            Parameter("width", .ordinal([.int(32), .int(64), .int(128)])),
            Parameter("optimizer", .categorical([.string("sgd"), .string("adam"), .string("rmsprop")])),
            Parameter("seed", .constant(.int(0))),
        ])
        var rng = SplitMix64(seed: 3)
        let observed = (0..<10).map { _ in space.encode(RandomStrategy.sample(space, using: &rng)) }
        let gp = try GaussianProcess(inputs: observed, targets: observed.map { $0[0] + 0.3 * $0[3] - $0[1] },
                                     hyperparameters: .init(signalVariance: 1, lengthScales: [Double](repeating: 0.4, count: 6),
                                                            noiseVariance: 1e-4))
        let ranked = Self.optimizer.rank(model: gp, best: -1, layout: CubeLayout(space), incumbents: Array(observed.prefix(3)),
                                         using: &rng)
        #expect(ranked.count >= 2500)
        for candidate in ranked.prefix(200) {
            let roundTrip = space.encode(space.decode(candidate.point))
            #expect(zip(roundTrip, candidate.point).allSatisfy { abs($0 - $1) < 1e-12 }, "\(candidate.point)")
            #expect(candidate.point[3..<6].filter { $0 == 1 }.count == 1 && candidate.point[3..<6].allSatisfy { $0 == 0 || $0 == 1 })
        }
    }
}

/// The unit-cube layout and the quasi-random design.
@Suite struct AcquisitionCandidateTests {
    static let mixed = try! SearchSpace([
        Parameter("lr", .real(low: 1e-4, high: 1, log: true)),
        Parameter("batch", .integer(low: 8, high: 512, log: true)),
        Parameter("layers", .integer(low: -2, high: 3, log: false)),
        Parameter("kind", .categorical([.string("a"), .string("b"), .string("c"), .string("d")])),
        Parameter("fixed", .constant(.bool(true))),
        Parameter("drop", .ordinal([.real(0.5), .real(0.1), .real(0.3)])),
    ])

    @Test func snapEqualsEncodingTheDecodedConfiguration() {
        let layout = CubeLayout(Self.mixed)
        #expect(layout.dimension == Self.mixed.encodedDimension)
        var rng = SplitMix64(seed: 8)
        for _ in 0..<2000 {
            // Points slightly outside the cube too: snapping clamps as decoding does.
            var x = (0..<layout.dimension).map { _ in rng.nextUnit() * 1.2 - 0.1 }
            let expected = Self.mixed.encode(Self.mixed.decode(x))
            layout.snap(&x)
            #expect(zip(x, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(x) vs \(expected)")
        }
    }

    @Test func designCoordinatesCoverEveryCategoryEvenly() {
        let layout = CubeLayout(Self.mixed)
        let halton = ScrambledHalton(dimension: layout.blocks.count, seed: 2)
        var counts = [Int](repeating: 0, count: 4)
        for i in 0..<40 {
            let c = Self.mixed.decode(layout.point(design: halton.point(i)))
            #expect(Self.mixed.contains(c))
            counts[["a", "b", "c", "d"].firstIndex(of: c["kind"]!.commandLineText)!] += 1
        }
        // Coordinate 4 runs in base 7: 40 points fill each quarter with 10 ± 2.
        #expect(counts.allSatisfy { (8...12).contains($0) }, "\(counts)")
    }

    @Test func haltonStratifiesLikeTheUnscrambledSequence() {
        // The first 2²·3² points put exactly one point in each cell of a 4×9 grid (bases 2 and 3),
        // whatever the digit permutations.
        for seed: UInt64 in [0, 1, 99] {
            let halton = ScrambledHalton(dimension: 2, seed: seed)
            var cells = Set<[Int]>()
            for i in 0..<36 {
                let p = halton.point(i)
                #expect(p.allSatisfy { $0 >= 0 && $0 < 1 })
                cells.insert([Int(p[0] * 4), Int(p[1] * 9)])
            }
            #expect(cells.count == 36, "seed \(seed)")
        }
    }

    @Test func haltonIsFixedBySeed() {
        let a = ScrambledHalton(dimension: 5, seed: 7), b = ScrambledHalton(dimension: 5, seed: 7)
        let c = ScrambledHalton(dimension: 5, seed: 8)
        #expect((0..<50).map(a.point) == (0..<50).map(b.point))
        #expect(a.point(0) != c.point(0))
    }
}
