import Testing
@testable import Search

@Suite struct HypervolumeTests {
    /// The staircase of (1,3), (2,2), (3,1) under (4,4): strips 1·1 + 1·2 + 1·3.
    @Test func twoObjectivesSumTheStaircase() {
        #expect(Hypervolume.of([[1, 3], [2, 2], [3, 1]], reference: [4, 4]) == 6)
    }

    @Test func dominatedPointsAndPointsBeyondTheReferenceAddNothing() {
        let front: [[Double]] = [[1, 3], [2, 2], [3, 1]]
        let extra: [[Double]] = [[3, 3], [5, 0], [0, 4], [.nan, 0], [2, 2]]
        #expect(Hypervolume.of(front + extra, reference: [4, 4]) == 6)
        #expect(Hypervolume.of([], reference: [4, 4]) == 0)
    }

    /// Three boxes of volume 6 under (4,4,4), pairwise overlaps of 2, a common corner of 1:
    /// inclusion–exclusion gives 18 − 6 + 1 = 13.
    @Test func threeObjectivesMatchInclusionExclusion() {
        #expect(Hypervolume.of([[1, 2, 3], [2, 3, 1], [3, 1, 2]], reference: [4, 4, 4]) == 13)
        #expect(Hypervolume.of([[1, 1, 1]], reference: [2, 3, 4]) == 6)
    }

    /// Four objectives: two boxes 1·1·1·2 and 2·1·1·1 sharing 1·1·1·1.
    @Test func fourObjectivesSliceRecursively() {
        #expect(Hypervolume.of([[1, 1, 1, 0], [0, 1, 1, 1]], reference: [2, 2, 2, 2]) == 3)
    }

    @Test func improvementIsTheVolumeANewPointAdds() {
        let front: [[Double]] = [[1, 3], [3, 1]]
        // (2,2) dominates [2,4]², of which the front already covers 2 + 2 − 1: the square [2,3]² is new.
        #expect(Hypervolume.improvement(of: [2, 2], over: front, reference: [4, 4]) == 1)
        #expect(Hypervolume.improvement(of: [3, 3], over: front, reference: [4, 4]) == 0)
    }
}

@Suite struct NondominatedBoxesTests {
    /// Two objectives: m + 1 steps, one box per gap of the staircase.
    @Test func twoObjectivesGiveOneBoxPerStep() {
        let boxes = NondominatedBoxes(front: [[1, 3], [2, 2], [3, 1]], reference: [4, 4])
        #expect(boxes.count == 4)
        #expect(boxes.upper.map(\.[0]) == [4, 3, 2, 1])
        #expect(boxes.lower.allSatisfy { $0[0] == -.infinity })
    }

    /// Clipped below at a corner L under every point, the boxes fill the reference box less the
    /// dominated part: Σ vol = Π(r − L) − HV, in two, three and four objectives.
    @Test(arguments: [
        ([[1, 3], [2, 2], [3, 1], [2.5, 2.5]], [4, 4]),
        ([[1, 2, 3], [2, 3, 1], [3, 1, 2], [2, 2, 2], [3.5, 3.5, 0.5]], [4, 4, 4]),
        ([[1, 1, 1, 0], [0, 1, 1, 1], [0.5, 0.5, 1.5, 0.5]], [2, 2, 2, 2]),
    ] as [([[Double]], [Double])])
    func theBoxesTileTheNonDominatedRegion(front: [[Double]], reference: [Double]) {
        let boxes = NondominatedBoxes(front: front, reference: reference)
        let floor = -1.0
        let tiled = boxes.lower.indices.reduce(0.0) { sum, b in
            sum + reference.indices.reduce(1.0) { $0 * max(0, boxes.upper[b][$1] - max(boxes.lower[b][$1], floor)) }
        }
        let whole = reference.reduce(1.0) { $0 * ($1 - floor) }
        #expect(abs(tiled - (whole - Hypervolume.of(front, reference: reference))) < 1e-12)
    }

    @Test func theImprovementOfAPointMatchesTheHypervolumeDifference() {
        let front: [[Double]] = [[1, 2, 3], [2, 3, 1], [3, 1, 2]]
        let boxes = NondominatedBoxes(front: front, reference: [4, 4, 4])
        for y in [[2.0, 2, 2], [0.5, 3.5, 3.5], [3.5, 3.5, 3.5], [5, 0, 0], [1.5, 1.5, 0.5]] {
            #expect(abs(boxes.improvement(of: y) - Hypervolume.improvement(of: y, over: front, reference: [4, 4, 4])) < 1e-12,
                    "\(y)")
        }
    }
}
