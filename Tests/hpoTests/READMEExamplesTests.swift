import Foundation
import Testing

/// The README is executed: every example in it that is meant to run is run against the built
/// `hpo`, so a README change that breaks an example fails `swift test`.
///
/// The rules, for whoever edits README.md:
///
/// 1. A fenced block tagged `console`, `bash` or `sh` is run. One whose first line starts
///    with `$ ` is a **transcript**: each `$ command` (a trailing `\` continues it on the next
///    line) runs through bash, and the lines after it, up to the next `$ `, are what it must
///    print — stdout and stderr together, as a terminal shows them. When that output starts
///    with `error:` the command must exit 2 (bad input); otherwise 0. Any other run block is a
///    **script**: bash runs it with `set -euo pipefail`, so every command must succeed.
/// 2. A block tagged `yaml` is a **sweep file**: it is written to `sweep.yaml` and checked with
///    `hpo search --config sweep.yaml --dry-run`, followed by `-- python3 train.py` when it
///    has no `command:` (a fragment, such as an `early_stopping:` section).
/// 3. Blocks with any other tag (`text`, `swift`, `python`) or none are not run. A block that
///    shows a `$ command` must be `console` all the same, or say why it is not run.
/// 4. `<!-- not run: REASON -->` on the last line before a fence exempts the block;
///    `<!-- dry run: REASON -->` runs it with `--dry-run` added to every `hpo run` and
///    `hpo search` (for Slurm, or sweeps that take minutes). Both lists are written out below,
///    so that they stay short and each one is a decision.
/// 5. Comparing output: trailing spaces and trailing blank lines do not count; a line that is
///    only `…` stands for any number of lines, and `…` within a line for any text; generated
///    run names (`sleek-eagle-1`), durations (`0.1s`, `3m05s`, `1h02m`) and slot-hours
///    figures match any of their kind.
/// 6. Each block runs in a scratch directory of its own holding a copy of `Examples/` and
///    `scripts/` (`./scripts/setup.sh` is quick where the test suite could be built), with
///    the built `hpo` first on `PATH` and `HPO_ROOT` unset (runs go to `./runs`).
///    `swift run hpo` and `swift run -c release hpo` mean that `hpo`.
@Suite struct READMEExamplesTests {
    /// The blocks exempted with `<!-- not run: … -->`, by reason.
    static let notRun: Set<String> = [
        "the test suite itself",
        "builds hpo in release mode; Tests/hpoTests/InstallScriptTests.swift runs scripts/install.sh",
        "needs an hpo killed in the middle of a run",
        "needs a sweep running in another terminal",
        "needs a run with artifacts",
        "needs the data sets it names",
        "takes an hour; Benchmarks has its own package",
    ]

    /// The blocks run with `--dry-run` added, by reason.
    static let dryRun: Set<String> = [
        "sets up, then a dozen trainings of the digits MLP",
        "needs a Slurm cluster",
        "sixty trainings of the digits MLP",
    ]

    static let blocks = READMEExamples.blocks()
    static let run = blocks.filter { $0.kind != .notRun }

    @Test func theExemptionsAreTheListedOnes() {
        #expect(Set(Self.blocks.compactMap(\.notRunReason)) == Self.notRun)
        #expect(Set(Self.blocks.compactMap(\.dryRunReason)) == Self.dryRun)
    }

    @Test func theREADMEHasExamplesToRun() {
        // Guards the rules themselves: a README (or a parser) with nothing to run passes nothing.
        #expect(Self.run.filter { $0.kind == .transcript }.count >= 4)
        #expect(Self.run.filter { $0.kind == .sweepFile }.count >= 2)
        #expect(Self.run.filter { $0.kind == .script }.count >= 2)
    }

    @Test func everyShownCommandIsCheckedOrExempted() {
        let unchecked = Self.blocks.filter { $0.looksLikeATranscript && $0.kind == .notRun && $0.notRunReason == nil }
        #expect(unchecked.isEmpty, "tag these ```console, or add <!-- not run: why -->: \(unchecked)")
    }

    @Test(arguments: READMEExamplesTests.run)
    func example(_ block: READMEBlock) throws {
        let scratch = try READMEScratch()
        defer { scratch.remove() }
        switch block.kind {
        case .transcript:
            for step in READMEExamples.transcript(block.lines) {
                let (output, status) = try scratch.bash(READMEExamples.prepared(step.command, dryRun: block.dryRunReason != nil))
                let actual = Array(output.components(separatedBy: "\n").reversed().drop { $0.isEmpty }.reversed())
                let expectedStatus: Int32 = step.output.first?.hasPrefix("error:") == true ? 2 : 0
                #expect(status == expectedStatus, "\(block): `\(step.command)` exited \(status):\n\(output)")
                #expect(READMEExamples.matches(expected: step.output, actual: actual),
                        "\(block): `\(step.command)` printed\n\(output)\ninstead of\n\(step.output.joined(separator: "\n"))")
            }
        case .script:
            let script = READMEExamples.prepared(block.lines.joined(separator: "\n"), dryRun: block.dryRunReason != nil)
            let (output, status) = try scratch.bash(script)
            #expect(status == 0, "\(block) failed (exit \(status)):\n\(output)")
        case .sweepFile:
            try block.lines.joined(separator: "\n").write(toFile: scratch.path + "/sweep.yaml", atomically: true, encoding: .utf8)
            let fragment = !block.lines.contains { $0.hasPrefix("command:") }
            let (output, status) = try scratch.bash("hpo search --config sweep.yaml --dry-run" + (fragment ? " -- python3 train.py" : ""))
            #expect(status == 0, "\(block): hpo search --config sweep.yaml --dry-run failed (exit \(status)):\n\(output)")
        case .notRun:
            break
        }
    }
}

/// The rules of `READMEExamplesTests`, on made-up READMEs.
@Suite struct READMEExampleRulesTests {
    @Test func blocksAreFoundWithTheirTagsMarkersAndIndentation() {
        let blocks = READMEExamples.blocks(in: """
            Text.

            ```console
            $ hpo run --dry-run x.py
            ```

            - a list item:

              <!-- not run: needs Slurm -->
              ```bash
              hpo search --backend slurm
              ```

            <!-- dry run: long -->
            ```bash
            hpo search --trials 60 -- python3 train.py
            ```

            ```
            $ hpo resume x
            ```
            """)
        #expect(blocks.map(\.tag) == ["console", "bash", "bash", ""])
        #expect(blocks.map(\.line) == [3, 10, 15, 19])
        #expect(blocks[1].lines == ["hpo search --backend slurm"])
        #expect(blocks.map(\.notRunReason) == [nil, "needs Slurm", nil, nil])
        #expect(blocks[2].dryRunReason == "long")
        #expect(blocks.map(\.kind) == [.transcript, .notRun, .script, .notRun])
        #expect(blocks[3].looksLikeATranscript)
    }

    @Test func transcriptsSplitIntoCommandsAndTheirOutput() {
        let steps = READMEExamples.transcript(["$ printf 'a\\n' \\", "  > f", "$ cat f", "a", "", ""])
        #expect(steps.map(\.command) == ["printf 'a\\n' \\\n  > f", "cat f"])
        #expect(steps.map(\.output) == [[], ["a"]])
    }

    @Test func dryRunBlocksGetTheFlagAndSwiftRunIsTheBuiltBinary() {
        #expect(READMEExamples.prepared("swift run hpo search --trials 3 -- python3 t.py", dryRun: true)
            == "hpo search --dry-run --trials 3 -- python3 t.py")
        #expect(READMEExamples.prepared("hpo run --dry-run t.py", dryRun: true) == "hpo run --dry-run t.py")
        #expect(READMEExamples.prepared("hpo status x", dryRun: true) == "hpo status x")
    }

    @Test func outputIsComparedWithItsVariablePartsAlike() {
        #expect(READMEExamples.matches(
            expected: ["run sleek-eagle-1 completed: 4 succeeded", "trial 0  succeeded  objective 4  0.1s  n=1",
                       "slot time: 0.0001 slot-hours"],
            actual: ["run brisk-heron-7 completed: 4 succeeded", "trial 0  succeeded  objective 4  1m05s  n=1",
                     "slot time: 0.0213 slot-hours"]))
        // The figures that are not timings must be equal.
        #expect(!READMEExamples.matches(expected: ["trial 0  succeeded  objective 4  0.1s"],
                                        actual: ["trial 0  succeeded  objective 5  0.1s"]))
    }

    @Test func anEllipsisStandsForLinesOrText() {
        #expect(READMEExamples.matches(expected: ["workspace snapshot: …", "a", "…", "z"],
                                       actual: ["workspace snapshot: 3 files, 2 KiB from /tmp/x", "a", "b", "c", "z"]))
        #expect(READMEExamples.matches(expected: ["a", "…"], actual: ["a"]))
        #expect(!READMEExamples.matches(expected: ["a", "z"], actual: ["a", "b", "z"]))
    }
}
