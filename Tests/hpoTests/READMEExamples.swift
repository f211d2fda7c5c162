import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The fenced blocks of README.md, read by the rules `READMEExamplesTests` documents.
struct READMEBlock: Sendable, CustomStringConvertible {
    /// What running the block means.
    enum Kind: Sendable {
        /// `$ command` lines, each followed by the output it must print.
        case transcript
        /// Commands run by bash, each of which must succeed.
        case script
        /// A sweep file, dry-run with `hpo search --config`.
        case sweepFile
        /// Not run: another language, plain text, or exempted.
        case notRun
    }

    /// The line of the opening fence (from 1).
    var line: Int
    /// The fence's info string: `console`, `bash`, `yaml`, `text`, ``.
    var tag: String
    /// The block's lines, without the fence's indentation.
    var lines: [String]
    /// `<!-- not run: REASON -->` before the fence.
    var notRunReason: String?
    /// `<!-- dry run: REASON -->` before the fence.
    var dryRunReason: String?

    var kind: Kind {
        if notRunReason != nil { return .notRun }
        switch tag {
        case "console", "bash", "sh", "shell":
            return lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.hasPrefix("$ ") == true ? .transcript : .script
        case "yaml", "yml":
            return .sweepFile
        default:
            return .notRun
        }
    }

    /// True when the block shows a `$ command` as a terminal would: such a block must be
    /// checked (tagged `console`) or say why not.
    var looksLikeATranscript: Bool {
        lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.hasPrefix("$ ") == true
    }

    var description: String { "README.md:\(line) (```\(tag))" }
}

extension READMEBlock: CustomTestStringConvertible {
    var testDescription: String { description }
}

/// Reading and running README.md's examples.
enum READMEExamples {
    static let file = HPOProcess.root.appendingPathComponent("README.md")

    /// Every fenced block of `text`, with the marker comment before it.
    static func blocks(in text: String) -> [READMEBlock] {
        let lines = text.components(separatedBy: "\n")
        var blocks: [READMEBlock] = []
        var index = 0
        var lastText = ""  // the last non-blank line outside a block
        while index < lines.count {
            let line = lines[index]
            guard let fence = fence(line) else {
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { lastText = line }
                index += 1
                continue
            }
            var block = READMEBlock(line: index + 1, tag: fence.tag, lines: [])
            block.notRunReason = marker("not run", in: lastText)
            block.dryRunReason = marker("dry run", in: lastText)
            index += 1
            while index < lines.count {
                let inner = lines[index]
                if let end = self.fence(inner), end.tag.isEmpty, end.indent == fence.indent { break }
                block.lines.append(inner.hasPrefix(fence.indent) ? String(inner.dropFirst(fence.indent.count)) : inner)
                index += 1
            }
            blocks.append(block)
            lastText = ""
            index += 1
        }
        return blocks
    }

    /// The blocks of the README in the repository.
    static func blocks() -> [READMEBlock] {
        (try? String(contentsOf: file, encoding: .utf8)).map { blocks(in: $0) } ?? []
    }

    /// A line that opens or closes a fenced block: its indentation and info string.
    static func fence(_ line: String) -> (indent: String, tag: String)? {
        let indent = String(line.prefix { $0 == " " })
        let rest = line.dropFirst(indent.count)
        guard rest.hasPrefix("```") else { return nil }
        return (indent, rest.drop { $0 == "`" }.trimmingCharacters(in: .whitespaces))
    }

    /// The reason of `<!-- NAME: REASON -->`, when `line` is that comment.
    static func marker(_ name: String, in line: String) -> String? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("<!-- \(name):"), text.hasSuffix("-->") else { return nil }
        return text.dropFirst("<!-- \(name):".count).dropLast(3).trimmingCharacters(in: .whitespaces)
    }

    /// The commands of a transcript, each with the output lines shown after it. A `$ ` line
    /// ending in `\` goes on on the next line.
    static func transcript(_ lines: [String]) -> [(command: String, output: [String])] {
        var steps: [(command: String, output: [String])] = []
        var continuing = false
        for line in lines {
            if continuing, !steps.isEmpty {
                steps[steps.count - 1].command += "\n" + line
                continuing = line.hasSuffix("\\")
            } else if line.hasPrefix("$ ") {
                steps.append((String(line.dropFirst(2)), []))
                continuing = line.hasSuffix("\\")
            } else if !steps.isEmpty {
                steps[steps.count - 1].output.append(line)
            }
        }
        return steps.map { ($0.command, Array($0.output.reversed().drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }.reversed())) }
    }

    /// A command as the test runs it: `swift run hpo` is the built `hpo`; in a dry-run
    /// block, `hpo run` and `hpo search` get `--dry-run`.
    static func prepared(_ command: String, dryRun: Bool) -> String {
        var text = command.replacingOccurrences(of: "swift run -c release hpo ", with: "hpo ")
            .replacingOccurrences(of: "swift run hpo ", with: "hpo ")
        if dryRun {
            text = text.components(separatedBy: "\n").map { line in
                guard !line.contains("--dry-run") else { return line }
                return line.replacing(#/\bhpo (run|search)\b/#) { "hpo \($0.1) --dry-run" }
            }.joined(separator: "\n")
        }
        return text
    }

    // MARK: Comparing output

    /// A line's variable parts made alike: generated run names, durations, slot-hours and
    /// the padding between table columns.
    static func normalized(_ line: String) -> String {
        var text = line.replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression)
        text = text.replacing(#/\b[a-z]+-[a-z]+-[0-9]+\b/#, with: "<run>")
        text = text.replacing(#/\b[0-9]+(\.[0-9]+)? (slot|GPU)-hours\b/#, with: "<hours>")
        text = text.replacing(#/\b([0-9]+(\.[0-9]+)?m?s|[0-9]+m[0-9]{2}s|[0-9]+h[0-9]{2}m)\b/#, with: "<duration>")
        // A table's columns are as wide as their widest cell: a duration's width varies.
        text = text.replacing(#/ {2,}/#, with: "  ")
        return text
    }

    /// True when `actual` is what `expected` shows: line by line, after `normalized`; a line
    /// that is only `…` stands for any number of lines, and `…` within a line for any text.
    static func matches(expected: [String], actual: [String]) -> Bool {
        let e = expected.map(normalized), a = actual.map(normalized)
        var memo: [Int: Bool] = [:]
        func match(_ i: Int, _ j: Int) -> Bool {
            let key = i * (a.count + 1) + j
            if let known = memo[key] { return known }
            let result: Bool
            if i == e.count {
                result = j == a.count
            } else if e[i].trimmingCharacters(in: .whitespaces) == "…" {
                result = (j...a.count).contains { match(i + 1, $0) }
            } else {
                result = j < a.count && lineMatches(e[i], a[j]) && match(i + 1, j + 1)
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }

    static func lineMatches(_ expected: String, _ actual: String) -> Bool {
        guard expected.contains("…") else { return expected == actual }
        let pattern = expected.components(separatedBy: "…").map(NSRegularExpression.escapedPattern(for:))
            .joined(separator: ".*")
        return actual.range(of: "^" + pattern + "$", options: .regularExpression) != nil
    }
}

/// A scratch directory for one block: `Examples/` and `scripts/` copied in, removed at the end.
struct READMEScratch {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-readme-\(UUID().uuidString)").path

    init() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for folder in ["Examples", "scripts"] {
            try FileManager.default.copyItem(atPath: HPOProcess.root.appendingPathComponent(folder).path,
                                             toPath: path + "/" + folder)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Runs `script` with bash (`set -euo pipefail`) here, the built `hpo` first on `PATH`;
    /// stdout and stderr together, as a terminal shows them. Killed after `limit` seconds.
    func bash(_ script: String, limit: Double = 300) throws -> (output: String, status: Int32) {
        guard let hpo = HPOProcess.executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "set -euo pipefail\n" + script]
        process.currentDirectoryURL = URL(fileURLWithPath: path)
        var environment = HPOProcess.environment(columns: 100, adding: [:])
        environment["PATH"] = hpo.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: killer)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        killer.cancel()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }
}
