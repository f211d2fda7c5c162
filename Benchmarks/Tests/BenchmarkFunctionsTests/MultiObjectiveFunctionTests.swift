import BenchmarkFunctions
import Foundation
import Search
import Testing

@Suite struct MultiObjectiveFunctionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../multiobjective").standardized

    /// Points on the true fronts land on them.
    @Test func frontPointsLieOnTheKnownFronts() {
        let zdt1 = MultiObjectiveFunction.zdt1.evaluate([0.25, 0, 0, 0, 0, 0])
        #expect(abs(zdt1[0] - 0.25) < 1e-15 && abs(zdt1[1] - 0.5) < 1e-15)
        let zdt2 = MultiObjectiveFunction.zdt2.evaluate([0.5, 0, 0, 0, 0, 0])
        #expect(abs(zdt2[1] - 0.75) < 1e-15)
        let dtlz2 = MultiObjectiveFunction.dtlz2.evaluate([0.3, 0.5, 0.5, 0.5, 0.5, 0.5])
        #expect(abs(dtlz2[0] * dtlz2[0] + dtlz2[1] * dtlz2[1] - 1) < 1e-14)
    }

    /// The optimal hypervolumes: a dense sample of each front comes within 10⁻³ from below.
    @Test(arguments: MultiObjectiveFunction.all.map(\.name))
    func aDenseFrontReachesTheOptimalHypervolume(_ name: String) throws {
        let f = try #require(MultiObjectiveFunction.named(name))
        let middle = name == "dtlz2" ? 0.5 : 0.0
        let front = (0...4000).map { f.evaluate([Double($0) / 4000] + [Double](repeating: middle, count: 5)) }
        let hv = Hypervolume.of(front, reference: f.reference)
        #expect(hv <= f.optimalHypervolume + 1e-9 && hv > f.optimalHypervolume - 1e-3, "\(hv)")
    }

    /// The Swift definitions agree with problems.py (which the peers evaluate) at scattered points.
    @Test func theSwiftAndPythonDefinitionsAgree() throws {
        let points: [[Double]] = (0..<8).map { (i: Int) -> [Double] in
            (0..<6).map { (j: Int) -> Double in Double((i * 7 + j * 3) % 11) / 10 }
        }
        let script = """
            import json, sys; sys.path.insert(0, '.'); import problems
            pts = json.loads(sys.argv[1])
            print(json.dumps({n: [problems.PROBLEMS[n]['evaluate']({f'x{i+1}': v for i, v in enumerate(p)}) for p in pts] for n in ['zdt1', 'zdt2', 'dtlz2']}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let json = String(decoding: try JSONEncoder().encode(points), as: UTF8.self)
        process.arguments = ["python3", "-c", script, json]
        process.currentDirectoryURL = Self.folder
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let python = try JSONDecoder().decode([String: [[Double]]].self, from: data)
        for f in MultiObjectiveFunction.all {
            let expected = try #require(python[f.name])
            for (p, values) in zip(points, expected) {
                let swift = f.evaluate(p)
                #expect(zip(swift, values).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }, "\(f.name) \(p)")
            }
        }
    }

    /// problems.py's hypervolume (the table's) agrees with hpo's on a scattered set.
    @Test func thePythonHypervolumeAgreesWithHpos() throws {
        let points: [[Double]] = (0..<40).map { (i: Int) -> [Double] in
            let a: Double = Double((i * 37) % 41) / 40
            let b: Double = Double((i * 11) % 43) / 42
            return [1.2 * a, 1.2 * b]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import json, sys; sys.path.insert(0, '.'); import problems; "
                             + "print(problems.hypervolume(json.loads(sys.argv[1]), [1.1, 1.1]))",
                             String(decoding: try JSONEncoder().encode(points), as: UTF8.self)]
        process.currentDirectoryURL = Self.folder
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let python = try #require(Double(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(abs(python - Hypervolume.of(points, reference: [1.1, 1.1])) < 1e-12)
    }
}
