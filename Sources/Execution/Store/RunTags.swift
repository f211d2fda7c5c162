import Foundation
import Search

/// A run's tags and note, as W&B keeps them: tags to find runs by (`hpo status --tag T`), a
/// note saying in words what the run was for. Set at start (`--tag`, `--note`) or later
/// (`hpo tag RUN`); they change nothing of the sweep.
public struct RunTags: Hashable, Sendable {
    /// The tags, sorted, each once.
    public var tags: [String]
    /// The note, nil when there is none.
    public var note: String?

    /// Tags and a note as given (tags sorted and made unique).
    public init(tags: [String] = [], note: String? = nil) {
        self.tags = Array(Set(tags)).sorted()
        self.note = note
    }

    /// The longest tag accepted.
    public static let maximumLength = 64

    /// Checks `tag`: 1 to 64 letters, digits and `- _ . : / + = @`, so that it reads the same
    /// in a table, a shell and a URL query, and a comma or a space cannot make one tag look like two.
    public static func validate(_ tag: String) throws(TagError) {
        if tag.isEmpty { throw .empty }
        if tag.count > maximumLength { throw .tooLong(tag) }
        if let bad = tag.first(where: { !($0.isLetter || $0.isNumber || "-_.:/+=@".contains($0)) }) {
            throw .badCharacter(tag, bad)
        }
    }

    /// The longest note accepted, in characters.
    public static let maximumNoteLength = 4096

    /// Checks a note: at most 4,096 characters, no control character but newline and tab.
    public static func validate(note: String) throws(TagError) {
        if note.count > maximumNoteLength { throw .noteTooLong(note.count) }
        if note.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) {
            throw .noteControlCharacter
        }
    }
}

/// A tag or note that cannot be stored, worded for the person at the terminal: bad input.
public enum TagError: BadInputError, Hashable, Sendable, CustomStringConvertible {
    /// An empty tag.
    case empty
    /// A tag longer than `RunTags.maximumLength`.
    case tooLong(String)
    /// A tag with a character outside the allowed ones.
    case badCharacter(String, Character)
    /// A note longer than `RunTags.maximumNoteLength` characters.
    case noteTooLong(Int)
    /// A note with a control character (other than newline and tab).
    case noteControlCharacter

    public var description: String {
        switch self {
        case .empty:
            return "a tag cannot be empty"
        case .tooLong(let tag):
            return "tag '\(tag.prefix(20))…' is \(tag.count) characters long; a tag has at most \(RunTags.maximumLength)"
        case .badCharacter(let tag, let c):
            let shown = c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control || $0 == " " }
                ? c.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined() : "'\(c)'"
            return "tag '\(tag)' holds \(shown); a tag is letters, digits and - _ . : / + = @ "
                + "(give several tags as several --tag options)"
        case .noteTooLong(let count):
            return "the note is \(count) characters long; a note has at most \(RunTags.maximumNoteLength)"
        case .noteControlCharacter:
            return "the note holds a control character; a note is text (newlines and tabs allowed)"
        }
    }
}
