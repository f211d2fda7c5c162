import Foundation
import Search

/// A word of the trials' command that names a path of the workspace the snapshot left out
/// (`--data data/big.bin` with `data/` ignored): the trials, which run in copies of the
/// snapshot, will not find it there. Said on the snapshot's line, with the ways to reach it.
public struct IgnoredArgument: Hashable, Sendable {
    /// The path as the command gives it (`data/big.bin`).
    public var path: String
    /// The ignored entry it is or lies in, relative to the workspace root (`data`).
    public var ignoredEntry: String
    /// That entry's absolute path in the workspace (what `--datastore` would name).
    public var absoluteEntry: String
    /// True when that entry is a directory (a datastore can hold it); else a file, which
    /// the command can name by its absolute path.
    public var entryIsDirectory: Bool

    /// The words of `command` that could be relative paths: literal arguments (the value
    /// of `--name=value` alone), and each argument with one placeholder rendered with each
    /// string value of a discrete parameter, and those values themselves for parameters the
    /// command does not place (they are appended as `--name value`).
    public static func candidates(_ command: CommandTemplate, space: SearchSpace) -> [String] {
        func strings(_ name: String) -> [String] {
            let values: [ParameterValue]
            switch space[name]?.domain {
            case .categorical(let v)?, .ordinal(let v)?: values = v
            case .constant(let v)?: values = [v]
            default: values = []
            }
            return values.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        }
        var words: [String] = []
        for argument in command.arguments {
            let names = argument.compactMap { segment -> String? in
                if case .parameter(let name) = segment { return name } else { return nil }
            }
            if names.isEmpty {
                words.append(argument.map { if case .text(let t) = $0 { return t } else { return "" } }.joined())
            } else if Set(names).count == 1 {
                for value in strings(names[0]) {
                    words.append(argument.map { if case .text(let t) = $0 { return t } else { return value } }.joined())
                }
            }
        }
        let placed = Set(command.placeholders)
        for name in space.names where !placed.contains(name) { words += strings(name) }
        return words.map { word in
            if word.hasPrefix("-"), let equals = word.firstIndex(of: "=") { return String(word[word.index(after: equals)...]) }
            return word
        }
    }

    /// The `words` that, read relative to `start` (an absolute directory inside the scanned
    /// workspace, links resolved), name an entry `scan` ignored or a path inside one. Absolute
    /// paths are left alone: they reach the live tree, not the snapshot.
    public static func find(in words: [String], start: String, scan: WorkspaceScan) -> [IgnoredArgument] {
        guard !scan.ignored.isEmpty else { return [] }
        var found: [IgnoredArgument] = []
        for word in words where !word.isEmpty && !word.hasPrefix("/") && !word.hasPrefix("~") && !word.contains("://") {
            guard let relative = relativePath(start + "/" + word, root: scan.root),
                  let entry = scan.ignored.first(where: { relative == $0 || relative.hasPrefix($0 + "/") }),
                  !found.contains(where: { $0.path == word }) else { continue }
            var isDirectory: ObjCBool = false
            let absolute = scan.root + "/" + entry
            _ = FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory)
            found.append(IgnoredArgument(path: word, ignoredEntry: entry, absoluteEntry: absolute,
                                         entryIsDirectory: isDirectory.boolValue))
        }
        return found
    }

    /// `path` with `.` and `..` worked out, relative to `root`; nil outside it or at it.
    static func relativePath(_ path: String, root: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        let normal = "/" + parts.joined(separator: "/")
        guard normal.hasPrefix(root + "/") else { return nil }
        return String(normal.dropFirst(root.count + 1))
    }

    /// `data/big.bin (in data, ignored)`.
    public var description: String {
        path == ignoredEntry ? "\(path) (ignored)" : "\(path) (in \(ignoredEntry), ignored)"
    }
}
