import Foundation
import Testing
@testable import Search

/// The unit-cube encoding, checked against Fixtures/unit_cube.json (written by
/// Fixtures/unit_cube.py from the encoding's definition, independently of the Swift code).
@Suite("SearchSpace unit-cube encoding")
struct SearchSpaceUnitCubeTests {
    struct Case: Decodable {
        var values: [Double]
        var encoded: [Double]
    }

    static let fixture: [String: Case] = {
        let url = Bundle.module.url(forResource: "unit_cube", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode([String: Case].self, from: Data(contentsOf: url))
    }()

    /// Encodes each fixture value of a one-parameter space and compares with the reference.
    private func checkEncoding(_ name: String, _ domain: Domain, value: (Double) -> ParameterValue) throws {
        let space = try SearchSpace([Parameter("x", domain)])
        let reference = try #require(Self.fixture[name])
        for (v, expected) in zip(reference.values, reference.encoded) {
            let u = space.encode(["x": value(v)])
            #expect(u.count == 1)
            #expect(abs(u[0] - expected) <= 1e-12, "\(name): \(v) encodes to \(u[0]), expected \(expected)")
        }
    }

    @Test func realLinearMatchesReference() throws {
        try checkEncoding("real_linear", .real(low: 0.5, high: 2.5, log: false)) { .real($0) }
    }

    @Test func realLogMatchesReference() throws {
        try checkEncoding("real_log", .real(low: 1e-5, high: 1e-1, log: true)) { .real($0) }
    }

    @Test func integerWidensEachEndByAHalf() throws {
        try checkEncoding("int_linear", .integer(low: 1, high: 10, log: false)) { .int(Int($0)) }
        try checkEncoding("int_negative", .integer(low: -3, high: 3, log: false)) { .int(Int($0)) }
    }

    @Test func logIntegerMatchesReference() throws {
        try checkEncoding("int_log", .integer(low: 1, high: 1000, log: true)) { .int(Int($0)) }
    }

    @Test func ordinalEncodesTheCentreOfItsRankBin() throws {
        try checkEncoding("ordinal", .ordinal([.int(32), .int(8), .int(16), .int(64)])) { .int(Int($0)) }
    }

    @Test func categoricalIsOneHotAndConstantTakesNoCoordinate() throws {
        let space = try SearchSpace([
            Parameter("k", .constant(.string("fixed"))),
            Parameter("opt", .categorical([.string("sgd"), .string("adam"), .string("rmsprop")])),
            Parameter("n", .integer(low: 0, high: 1, log: false)),
        ])
        #expect(space.encodedDimension == 4)
        #expect(space.encode(["k": .string("fixed"), "opt": .string("adam"), "n": .int(1)]) == [0, 1, 0, 0.75])
    }

    @Test func everyPointOfADiscreteSpaceRoundTrips() throws {
        let space = try SearchSpace([
            Parameter("n", .integer(low: -2, high: 3, log: false)),
            Parameter("w", .integer(low: 1, high: 40, log: true)),
            Parameter("b", .ordinal([.int(64), .real(0.5), .int(8)])),
            Parameter("opt", .categorical([.string("sgd"), .bool(true), .int(3)])),
            Parameter("k", .constant(.int(7))),
        ])
        let points = try GridStrategy.points(of: space)
        #expect(points.count == 6 * 40 * 3 * 3)
        for c in points {
            let u = space.encode(c)
            #expect(u.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect(space.decode(u) == c)
        }
    }

    @Test func realsRoundTripToWithinRounding() throws {
        let space = try SearchSpace([
            Parameter("a", .real(low: -3, high: 7, log: false)),
            Parameter("lr", .real(low: 1e-6, high: 1, log: true)),
        ])
        for (a, lr) in [(-3.0, 1e-6), (0.1, 3.3e-4), (6.99, 0.5), (7.0, 1.0)] {
            let back = space.decode(space.encode(["a": .real(a), "lr": .real(lr)]))
            let a2 = try #require(back["a"]?.numericValue), lr2 = try #require(back["lr"]?.numericValue)
            #expect(abs(a2 - a) <= 1e-12 * 10)
            #expect(abs(lr2 - lr) <= 1e-12 * lr)
        }
    }

    @Test func integersRoundToTheNearestBin() throws {
        let space = try SearchSpace([Parameter("n", .integer(low: 1, high: 10, log: false))])
        // Integer k owns [(k − 1)/10, k/10) of the unit interval.
        #expect(space.decode([0.0999])["n"] == .int(1))
        #expect(space.decode([0.1001])["n"] == .int(2))
        #expect(space.decode([0.55])["n"] == .int(6))
        #expect(space.decode([0.9999])["n"] == .int(10))
    }

    @Test func logIntegersRoundInValueSpace() throws {
        let space = try SearchSpace([Parameter("w", .integer(low: 1, high: 1000, log: true))])
        // u = ½ is the geometric mean of 0.5 and 1000.5: √500.25 = 22.366…, which rounds to 22.
        #expect(space.decode([0.5])["w"] == .int(22))
        #expect(space.decode([0])["w"] == .int(1))
        #expect(space.decode([1])["w"] == .int(1000))
    }

    @Test func ordinalDecodesByRankBin() throws {
        let space = try SearchSpace([Parameter("b", .ordinal([.int(32), .int(8), .int(16), .int(64)]))])
        #expect(space.decode([0.0])["b"] == .int(8))
        #expect(space.decode([0.2499])["b"] == .int(8))
        #expect(space.decode([0.25])["b"] == .int(16))
        #expect(space.decode([0.6])["b"] == .int(32))
        #expect(space.decode([1.0])["b"] == .int(64))
    }

    @Test func categoricalDecodesToTheLargestCoordinateFirstOnTies() throws {
        let space = try SearchSpace([Parameter("o", .categorical([.string("a"), .string("b"), .string("c")]))])
        #expect(space.decode([0.2, 0.7, 0.1])["o"] == .string("b"))
        #expect(space.decode([0.3, 0.1, 0.9])["o"] == .string("c"))
        #expect(space.decode([0.5, 0.5, 0.5])["o"] == .string("a"))
        #expect(space.decode([0, 0, 0])["o"] == .string("a"))
    }

    @Test func coordinatesOutsideTheCubeAreClamped() throws {
        let space = try SearchSpace([
            Parameter("x", .real(low: 0.5, high: 2.5, log: false)),
            Parameter("lr", .real(low: 1e-5, high: 1e-1, log: true)),
            Parameter("n", .integer(low: 1, high: 10, log: false)),
            Parameter("w", .integer(low: 2, high: 512, log: true)),
            Parameter("b", .ordinal([.int(32), .int(8)])),
        ])
        #expect(space.decode([-0.4, -3, -1, -0.1, -2])
            == ["x": .real(0.5), "lr": .real(1e-5), "n": .int(1), "w": .int(2), "b": .int(8)])
        #expect(space.decode([1.4, 3, 2, 1.1, 7])
            == ["x": .real(2.5), "lr": .real(1e-1), "n": .int(10), "w": .int(512), "b": .int(32)])
    }

    /// The ends of the cube decode to the bounds exactly, not to a neighbour one ulp away
    /// (exp(log(1e-5)) is 9.999999999999997e-06 in floating point).
    @Test func cubeEndsDecodeToTheExactBounds() throws {
        let space = try SearchSpace([
            Parameter("lr", .real(low: 1e-5, high: 1e-1, log: true)),
            Parameter("m", .real(low: 0.1, high: 0.7, log: false)),
        ])
        #expect(space.decode([0, 0]) == ["lr": .real(1e-5), "m": .real(0.1)])
        #expect(space.decode([1, 1]) == ["lr": .real(1e-1), "m": .real(0.7)])
    }

    /// A NaN coordinate (a numerical accident upstream) still decodes to a valid configuration:
    /// the lower end of the range.
    @Test func nanCoordinatesDecodeToTheLowerEnd() throws {
        let space = try SearchSpace([
            Parameter("lr", .real(low: 1e-5, high: 1e-1, log: true)),
            Parameter("n", .integer(low: 1, high: 10, log: false)),
            Parameter("b", .ordinal([.int(32), .int(8)])),
            Parameter("o", .categorical([.string("a"), .string("b")])),
        ])
        let c = space.decode([.nan, .nan, .nan, .nan, .nan])
        #expect(space.contains(c))
        #expect(c == ["lr": .real(1e-5), "n": .int(1), "b": .int(8), "o": .string("a")])
    }
}
