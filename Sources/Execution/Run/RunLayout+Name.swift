import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension RunLayout {
    /// The longest run name in UTF-8 bytes (a directory name on Linux holds 255).
    public static let maximumNameBytes = 200

    /// Checks that `name` is one safe path component: non-empty, no `/`, no NUL or other
    /// control character, no `..`, not starting with `.` (hidden) or `-` (read as an option).
    public static func validateName(_ name: String) throws {
        guard !name.isEmpty else { throw RunNameError.empty }
        for scalar in name.unicodeScalars {
            if scalar == "/" { throw RunNameError.forbiddenCharacter(name: name, character: "'/'") }
            if scalar == "\\" { throw RunNameError.forbiddenCharacter(name: name, character: "'\\'") }
            if scalar.value < 0x20 || scalar.value == 0x7F {
                throw RunNameError.forbiddenCharacter(name: name, character: "a control character (U+\(String(scalar.value, radix: 16, uppercase: true)))")
            }
        }
        if name.contains("..") { throw RunNameError.forbiddenForm(name: name, reason: "contains '..'") }
        if name.hasPrefix(".") { throw RunNameError.forbiddenForm(name: name, reason: "starts with '.' (it would be hidden)") }
        if name.hasPrefix("-") { throw RunNameError.forbiddenForm(name: name, reason: "starts with '-' (it would read as an option)") }
        if name.utf8.count > maximumNameBytes { throw RunNameError.tooLong(name: name, bytes: name.utf8.count) }
    }

    /// A readable name that no entry of `root` has yet: `<adjective>-<noun>-<n>`, where n is
    /// one more than the number of runs already in the root (so names also tell the order
    /// in which runs were made, as W&B's do): `brisk-heron-1`, `calm-otter-2`.
    /// `exists` says whether a name is taken (injected so that tests need no file system);
    /// `existingCount` is how many runs the root holds.
    public static func generateName<G: RandomNumberGenerator>(existingCount: Int, exists: (String) -> Bool,
                                                              using generator: inout G) -> String {
        var n = existingCount + 1
        while true {
            for _ in 0..<8 {
                let adjective = RunNameWords.adjectives.randomElement(using: &generator)!
                let noun = RunNameWords.nouns.randomElement(using: &generator)!
                let candidate = "\(adjective)-\(noun)-\(n)"
                if !exists(candidate) { return candidate }
            }
            n += 1
        }
    }

    /// A fresh name for a new run under `root`, looking at what the root holds.
    public static func generateName<G: RandomNumberGenerator>(inRoot root: String, using generator: inout G) -> String {
        let entries = directoryEntries(root)
        let runs = entries.filter { !$0.hasPrefix(".") }.count
        return generateName(existingCount: runs, exists: { entries.contains($0) }, using: &generator)
    }

    /// The names of the entries of a directory; empty when it does not exist.
    /// The runs in `root` (directories holding a run.db, hidden ones skipped), sorted; empty
    /// when the root does not exist.
    public static func runNames(inRoot root: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return entries.filter { !$0.hasPrefix(".") && FileManager.default.fileExists(atPath: join(join(root, $0), "run.db")) }
            .sorted()
    }

    /// The name a new run in `root` gets: `given`, checked, or a generated one that is free.
    /// - Throws: `RunNameError` for a given name that is not a valid run name.
    public static func newRunName(given: String?, inRoot root: String) throws -> String {
        if let given {
            try validateName(given)
            return given
        }
        var rng = SystemRandomNumberGenerator()
        return generateName(inRoot: root, using: &rng)
    }

    static func directoryEntries(_ path: String) -> Set<String> {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names = Set<String>()
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.insert(name) }
        }
        return names
    }
}

/// Short, friendly words for generated run names.
enum RunNameWords {
    static let adjectives = [
        "amber", "bold", "brave", "brisk", "calm", "clever", "cosmic", "crisp", "daring", "deft",
        "eager", "fair", "fleet", "gentle", "glad", "golden", "happy", "hardy", "keen", "kind",
        "lively", "lucid", "lunar", "mellow", "merry", "misty", "noble", "polar", "proud", "quick",
        "quiet", "rapid", "rustic", "sharp", "silent", "silver", "sleek", "solar", "steady", "stellar",
        "sunny", "swift", "tidy", "vivid", "warm", "wise", "witty", "young", "zesty", "zen",
    ]
    static let nouns = [
        "badger", "bison", "breeze", "brook", "canyon", "cedar", "comet", "crane", "dawn", "delta",
        "dune", "eagle", "ember", "falcon", "fern", "fjord", "forest", "galaxy", "glacier", "grove",
        "harbor", "hawk", "heron", "island", "lagoon", "lark", "maple", "meadow", "mesa", "moon",
        "nebula", "oak", "orbit", "otter", "owl", "pine", "planet", "prairie", "quasar", "raven",
        "reef", "ridge", "river", "sparrow", "spruce", "star", "summit", "tide", "valley", "willow",
    ]
}
