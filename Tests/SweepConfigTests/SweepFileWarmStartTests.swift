import Testing
@testable import SweepConfig

/// `warm_start:` and the default seed of a sweep file.
@Suite struct SweepFileWarmStartTests {
    @Test func warmStartTakesOneRunOrAListAndWritesBackAsAList() throws {
        let one = try SweepSpec(yaml: "warm_start: lr-1\n")
        #expect(one.warmStart == ["lr-1"])
        let two = try SweepSpec(yaml: "warm_start: [lr-1, 2024]\n")
        #expect(two.warmStart == ["lr-1", "2024"])
        #expect(try SweepSpec(yaml: two.yaml).warmStart == ["lr-1", "2024"])
    }

    @Test func warmStartMustNameRuns() {
        #expect(throws: SweepFileError.self) { try SweepSpec(yaml: "warm_start: {run: a}\n") }
    }

    @Test func theCommandLineReplacesTheFilesWarmStart() throws {
        var overrides = SweepOverrides()
        overrides.warmStart = ["b"]
        #expect(try SweepSpec(yaml: "warm_start: a\n").merged(with: overrides).warmStart == ["b"])
    }

    @Test func theDefaultSeedIsUsedOnlyWhenNeitherTheFileNorTheCommandLineGivesOne() throws {
        #expect(try SweepSpec(yaml: "strategy: random\n", defaultSeed: 99).seed == 99)
        #expect(try SweepSpec(yaml: "seed: 7\n", defaultSeed: 99).seed == 7)
        #expect(try SweepSpec(yaml: "seed: 7\n", seed: 3, defaultSeed: 99).seed == 3)
    }
}
