import Foundation
import Testing
@testable import SweepConfig

/// What no sweep file needs is refused before Yams builds a tree of it: nesting deeper than
/// `YAMLReader.maximumDepth` (Yams recurses per level and would overflow the stack), and a
/// file over `SweepSpec.maximumFileBytes` (composing takes ~30 times its size in memory).
@Suite struct SweepFileLimitTests {
    static func temporaryFile(_ contents: Data) throws -> String {
        let path = NSTemporaryDirectory() + "/hpo-sweep-\(UUID().uuidString).yaml"
        try contents.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func tenThousandOpenBracketsAreAnErrorAtTheirPlace() {
        let yaml = "x: " + String(repeating: "[", count: 10_000) + "\n"
        let error = #expect(throws: SweepFileError.self) { try SweepSpec(yaml: yaml, path: "deep.yaml") }
        // Level 65 (the file's mapping, then 64 lists) opens at column 4 + 63.
        #expect(error?.description == "deep.yaml:1:67: lists and mappings are nested more than 64 levels deep here; "
                + "a sweep file needs a handful (is this the right file?)")
    }

    @Test func deepBlockNestingIsCaughtToo() {
        // `- ` at every indentation: block lists, no brackets.
        let yaml = "x:\n" + (0..<200).map { String(repeating: " ", count: $0 + 1) + "-\n" }.joined()
        let error = #expect(throws: SweepFileError.self) { try SweepSpec(yaml: yaml, path: "deep.yaml") }
        #expect(error?.line == 65, "\(String(describing: error))")
        #expect(error?.message.contains("nested more than 64 levels deep") == true)
    }

    @Test func deepMappingsAreCaught() {
        let yaml = String(repeating: "{a: ", count: 100_000) + "1" + String(repeating: "}", count: 100_000) + "\n"
        let error = #expect(throws: SweepFileError.self) { try SweepSpec(yaml: yaml, path: "deep.yaml") }
        #expect(error?.message.contains("nested more than 64 levels deep") == true)
    }

    @Test func nestingUpToTheLimitIsReadAsUsual() {
        // 64 levels: the sweep file's mapping, then 63 lists; refused for its content, not its depth.
        let yaml = "x: " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "\n"
        let error = #expect(throws: SweepFileError.self) { try SweepSpec(yaml: yaml, path: "ok.yaml") }
        #expect(error?.description == "ok.yaml:1:1: unknown key 'x' in the sweep file; known keys are name, command, metric, "
                + "metrics, strategy, trials, seed, parallel, gpus, parameters, constraints, early_stopping, datastores, backend, nodes, "
                + "ranks_per_node, launcher, warm_start")
    }

    @Test func aSyntaxErrorBeforeTheLimitIsYamlsToWord() {
        let error = #expect(throws: SweepFileError.self) { try SweepSpec(yaml: "parameters: {lr: [1, 2}\n", path: "s.yaml") }
        #expect(error?.description == "s.yaml:1:23: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1)")
    }

    @Test func aFileOverTheLimitIsRefusedWithItsSize() throws {
        var text = "command: [echo]\nparameters:\n  x: ["
        while text.utf8.count <= SweepSpec.maximumFileBytes { text += (0..<10_000).map(String.init).joined(separator: ", ") + ", " }
        text += "0]\n"
        let path = try Self.temporaryFile(Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: SweepFileError.self) { try SweepSpec.load(contentsOf: path) }
        let size = text.utf8.count
        #expect(error?.description == "\(path): \(String(format: "%.1f", Double(size) / 1_048_576)) MiB (\(size) bytes), "
                + "over the limit of 4.0 MiB for a sweep file; is this the right file?")
    }

    @Test func anEndlessFileIsRefusedWithoutReadingItAll() {
        let error = #expect(throws: SweepFileError.self) { try SweepSpec.load(contentsOf: "/dev/zero") }
        #expect(error?.description == "/dev/zero: more than the limit of 4.0 MiB for a sweep file; is this the right file?")
    }

    @Test func textOverTheLimitIsRefusedToo() {
        // The same bound holds for a sweep read back from a run's store.
        let yaml = "# " + String(repeating: "x", count: SweepSpec.maximumFileBytes) + "\n"
        let error = #expect(throws: SweepFileError.self) { try SweepSpec(yaml: yaml, path: "run.db") }
        #expect(error?.message.hasSuffix("over the limit of 4.0 MiB for a sweep file; is this the right file?") == true)
    }

    @Test func aFileAtTheLimitIsRead() throws {
        let head = "command: [echo]\n"
        let text = head + "#" + String(repeating: " ", count: SweepSpec.maximumFileBytes - head.utf8.count - 2) + "\n"
        #expect(text.utf8.count == SweepSpec.maximumFileBytes)
        let path = try Self.temporaryFile(Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SweepSpec.load(contentsOf: path).command.isEmpty == false)
    }
}
