import Execution
import Foundation
import Testing

/// Tags and notes: `--tag`/`--note` at start, `hpo tag RUN` after, `hpo status --tag T`.
@Suite struct HPOTagTests {
    @Test func aRunStartedWithTagsAndANoteHasThemInStatus() throws {
        let fixture = RunFixture()
        try FileManager.default.createDirectory(atPath: fixture.directory + "/Examples", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: HPOProcess.root.path + "/Examples/hello.py",
                                         toPath: fixture.directory + "/Examples/hello.py")
        let r = try HPOProcess.run(["run", "--name", "tagged", "--tag", "baseline", "--tag", "food", "--note", "first look",
                                    "Examples/hello.py", "--number", "[1, 3]"], in: fixture.directory)
        #expect(r.status == 0, "\(r.stderr)")
        let status = try HPOProcess.run(["status", "tagged"], in: fixture.directory)
        #expect(status.stdout.contains("\ntags: baseline, food\nnote: first look\n"))
        let json = try HPOProcess.run(["status", "tagged", "--json"], in: fixture.directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let run = try #require(object["run"] as? [String: Any])
        #expect(run["tags"] as? [String] == ["baseline", "food"])
        #expect(run["note"] as? String == "first look")
    }

    @Test func hpoTagAddsRemovesAndSetsTheNoteThenPrintsThem() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        let add = try HPOProcess.run(["tag", "brisk-heron-1", "--add", "lr-sweep", "--add", "v2", "--note", "wrong data"],
                                     in: fixture.directory)
        #expect(add.status == 0)
        #expect(add.stdout == "run brisk-heron-1: tags lr-sweep, v2\nnote: wrong data\n")
        let remove = try HPOProcess.run(["tag", "brisk-heron-1", "--remove", "v2", "--note", ""], in: fixture.directory)
        #expect(remove.stdout == "run brisk-heron-1: tags lr-sweep\n")
        let show = try HPOProcess.run(["tag", "brisk-heron-1"], in: fixture.directory)
        #expect(show.stdout == "run brisk-heron-1: tags lr-sweep\n")
    }

    @Test func statusWithATagListsOnlyTheRunsThatHaveIt() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        try SampleRuns.asha(in: fixture)
        _ = try HPOProcess.run(["tag", "quick-asha-2", "--add", "asha"], in: fixture.directory)
        let r = try HPOProcess.run(["status", "--tag", "asha"], in: fixture.directory)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first?.hasSuffix("tags") == true)
        #expect(lines.count == 2 && lines[1].hasPrefix("quick-asha-2") && lines[1].hasSuffix("asha"))
        let none = try HPOProcess.run(["status", "--tag", "nothing"], in: fixture.directory)
        #expect(none.stdout == "no run in ./runs is tagged nothing (hpo tag RUN --add nothing tags one)\n")
        // Without tags anywhere, the runs table has no tags column.
        _ = try HPOProcess.run(["tag", "quick-asha-2", "--remove", "asha"], in: fixture.directory)
        let all = try HPOProcess.run(["status"], in: fixture.directory)
        #expect(all.stdout.split(separator: "\n").first?.hasSuffix("by state") == true)
    }

    @Test func badTagsAreBadInputWithWhatATagMayHold() throws {
        let fixture = RunFixture()
        try SampleRuns.mixed(in: fixture)
        let r = try HPOProcess.run(["tag", "brisk-heron-1", "--add", "a,b"], in: fixture.directory)
        #expect(r.status == 2)
        #expect(r.stderr == "error: tag 'a,b' holds ','; a tag is letters, digits and - _ . : / + = @ "
                + "(give several tags as several --tag options)\n")
        let both = try HPOProcess.run(["tag", "brisk-heron-1", "--add", "x", "--remove", "x"], in: fixture.directory)
        #expect(both.status == 2 && both.stderr.contains("both --add and --remove"))
        let start = try HPOProcess.run(["run", "--dry-run", "--tag", "", "Examples/hello.py", "--number", "[1]"])
        #expect(start.status == 2 && start.stderr == "error: a tag cannot be empty\n")
        #expect(try HPOProcess.run(["tag", "no-such-run"], in: fixture.directory).status == 2)
        let search = try HPOProcess.run(["search", "--dry-run", "--tag", "two words", "--", "python3", "x.py", "--n", "[1]"])
        #expect(search.status == 2 && search.stderr.hasPrefix("error: tag 'two words' holds U+0020;"))
    }
}
