/// One line of a `.gitignore` (or `.hpoignore`, `.dockerignore`), with git's meaning
/// (gitignore(5)):
///
/// - `!` negates: a path it matches is included again (unless a parent directory is excluded:
///   git never looks inside an excluded directory, and neither does the snapshot);
/// - a trailing `/` matches directories only;
/// - a `/` at the start or in the middle anchors the pattern to the ignore file's directory;
///   without one the pattern matches a name at any depth below it;
/// - `*` is any run of characters but `/`, `?` one character but `/`, `[a-z]` / `[!a-z]` a class;
/// - `**/` at the start matches in every directory, `/**` at the end everything inside,
///   `/**/` zero or more directories; any other `**` is a plain `*`;
/// - `\` escapes the next character; trailing spaces are dropped unless escaped; blank lines
///   and lines starting with `#` are nothing.
public struct IgnorePattern: Hashable, Sendable {
    /// The line as written (trailing newline removed).
    public let source: String
    /// True for `!pattern`.
    public let negated: Bool
    /// True for `pattern/`.
    public let directoryOnly: Bool
    /// True when matched against the path below the ignore file's directory, false when
    /// against the last component only.
    public let anchored: Bool
    let tokens: [Token]

    enum Token: Hashable, Sendable {
        case literal(Character)
        case anyRun          // *
        case anyOne          // ?
        case anyDirectories  // **/ (zero or more whole directories)
        case anyPath         // /** at the end: everything inside
        case characterClass(negated: Bool, ranges: [ClosedRange<Character>])
    }

    /// Parses one line; nil for blank lines and comments.
    public init?(line: String) {
        var text = Substring(line)
        if text.hasSuffix("\r") { text = text.dropLast() }
        text = IgnorePattern.trimmingUnescapedTrailingSpaces(text)
        if text.isEmpty || text.hasPrefix("#") { return nil }
        source = line
        var negated = false
        if text.hasPrefix("!") {
            negated = true
            text = text.dropFirst()
        }
        var directoryOnly = false
        if text.hasSuffix("/") && !text.hasSuffix("\\/") {
            directoryOnly = true
            text = text.dropLast()
        }
        if text.isEmpty { return nil }
        // A slash anywhere but at the end anchors the pattern (gitignore(5)).
        let anchored = text.contains("/")
        if text.hasPrefix("/") { text = text.dropFirst() }
        self.negated = negated
        self.directoryOnly = directoryOnly
        self.anchored = anchored
        self.tokens = IgnorePattern.tokenize(text)
    }

    /// True when the pattern matches `path` (relative to the ignore file's directory, `/`
    /// separated, no leading slash), a directory when `isDirectory`.
    public func matches(_ path: String, isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        let subject: Substring
        if anchored {
            subject = Substring(path)
        } else {
            subject = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? Substring(path)
        }
        return IgnorePattern.match(tokens[...], Array(subject)[...])
    }

    static func trimmingUnescapedTrailingSpaces(_ text: Substring) -> Substring {
        var end = text.endIndex
        while end > text.startIndex {
            let before = text.index(before: end)
            guard text[before] == " " else { break }
            // An escaped space (`\ `) stays.
            if before > text.startIndex && text[text.index(before: before)] == "\\" { break }
            end = before
        }
        return text[..<end]
    }

    static func tokenize(_ text: Substring) -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                if i + 1 < chars.count { tokens.append(.literal(chars[i + 1])) }
                i += 2
            case "*":
                var j = i
                while j < chars.count && chars[j] == "*" { j += 1 }
                let atStart = i == 0 || chars[i - 1] == "/"
                let atEnd = j == chars.count || chars[j] == "/"
                if j - i >= 2 && atStart && atEnd {
                    if j == chars.count {
                        // `/**` at the end (or a lone `**`): everything inside.
                        tokens.append(.anyPath)
                        i = j
                    } else {
                        // `**/`: zero or more directories; the slash belongs to the token.
                        tokens.append(.anyDirectories)
                        i = j + 1
                    }
                } else {
                    tokens.append(.anyRun)
                    i = j
                }
            case "?":
                tokens.append(.anyOne)
                i += 1
            case "[":
                if let (token, next) = characterClass(chars, from: i) {
                    tokens.append(token)
                    i = next
                } else {
                    tokens.append(.literal("["))
                    i += 1
                }
            default:
                tokens.append(.literal(c))
                i += 1
            }
        }
        return tokens
    }

    /// `[...]` from `start`: its token and the index after `]`; nil when unterminated.
    static func characterClass(_ chars: [Character], from start: Int) -> (Token, Int)? {
        var i = start + 1
        var negated = false
        if i < chars.count && (chars[i] == "!" || chars[i] == "^") {
            negated = true
            i += 1
        }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while i < chars.count {
            var c = chars[i]
            if c == "]" && !first { return (.characterClass(negated: negated, ranges: ranges), i + 1) }
            first = false
            if c == "\\" && i + 1 < chars.count {
                i += 1
                c = chars[i]
            }
            if i + 2 < chars.count && chars[i + 1] == "-" && chars[i + 2] != "]" {
                let upper = chars[i + 2]
                if c <= upper { ranges.append(c...upper) }
                i += 3
            } else {
                ranges.append(c...c)
                i += 1
            }
        }
        return nil
    }

    /// Backtracking match of `tokens` against the whole of `text`.
    static func match(_ tokens: ArraySlice<Token>, _ text: ArraySlice<Character>) -> Bool {
        guard let token = tokens.first else { return text.isEmpty }
        let rest = tokens.dropFirst()
        switch token {
        case .literal(let c):
            guard let first = text.first, first == c else { return false }
            return match(rest, text.dropFirst())
        case .anyOne:
            guard let first = text.first, first != "/" else { return false }
            return match(rest, text.dropFirst())
        case .characterClass(let negated, let ranges):
            guard let first = text.first, first != "/" else { return false }
            guard ranges.contains(where: { $0.contains(first) }) != negated else { return false }
            return match(rest, text.dropFirst())
        case .anyRun:
            var remaining = text
            while true {
                if match(rest, remaining) { return true }
                guard let first = remaining.first, first != "/" else { return false }
                remaining = remaining.dropFirst()
            }
        case .anyDirectories:
            // Zero directories, or skip one whole `dir/` at a time.
            var remaining = text
            while true {
                if match(rest, remaining) { return true }
                guard let slash = remaining.firstIndex(of: "/") else { return false }
                remaining = remaining[remaining.index(after: slash)...]
            }
        case .anyPath:
            return !text.isEmpty
        }
    }
}
