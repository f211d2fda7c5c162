import Yams

/// Typed access to a composed YAML document, every failure an error at the node's line and
/// column. Scalars are typed by YAML 1.2's core schema, not YAML 1.1's: `yes`, `no`, `on`
/// and `off` stay strings, `010` is the integer 10, dates stay strings.
struct YAMLReader {
    /// The file name errors carry.
    let path: String

    /// The core-schema resolver: booleans `true`/`false` (any case style), decimal integers,
    /// decimal floats, null; nothing else is typed.
    /// (Built per load: Yams' `Resolver` is not `Sendable`, so it is not kept in a global.)
    static var resolver: Resolver {
        do {
            return try Resolver.default
                .replacing(.bool, with: "^(?:true|True|TRUE|false|False|FALSE)$")
                .replacing(.int, with: "^[-+]?[0-9]+$")
                .replacing(.float, with: "^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
                .removing(.timestamp).removing(.merge).removing(.value)
        } catch {
            fatalError("invalid resolver pattern: \(error)")
        }
    }

    /// Parses YAML text into its root node (nil for an empty document).
    func compose(_ text: String) throws(SweepFileError) -> Node? {
        try checkDepth(text)
        do {
            return try Yams.compose(yaml: text, YAMLReader.resolver)
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let where_ = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
                throw SweepFileError(path: path, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)\(where_)")
            default:
                throw SweepFileError(path: path, line: 0, column: 0, message: "not valid YAML: \(error)")
            }
        } catch {
            throw SweepFileError(path: path, line: 0, column: 0, message: "not valid YAML: \(error)")
        }
    }

    /// An error placed at `node` (at the start of the file when the node has no mark).
    func error(_ node: Node?, _ message: String, columnOffset: Int = 0) -> SweepFileError {
        SweepFileError(path: path, line: node?.mark?.line ?? 1, column: (node?.mark?.column ?? 1) + columnOffset, message: message)
    }

    /// The resolved tag of a node (`Tag.name` is internal to Yams; its description is the name).
    static func tag(_ node: Node) -> Tag.Name {
        Tag.Name(rawValue: node.tag.description)
    }

    /// How a node's kind reads in a "must be …, got …" message.
    static func kind(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s):
            switch YAMLReader.tag(node) {
            case .null: return "nothing"
            case .str: return "the string '\(s.string)'"
            default: return s.string
            }
        }
    }

    /// The entries of a mapping in file order, with string keys.
    /// - Throws: when the node is not a mapping, a key is not a string, or a key repeats.
    func mapping(_ node: Node, _ what: String) throws(SweepFileError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw error(node, "\(what) must be a mapping of keys to values, got \(YAMLReader.kind(node))")
        }
        var seen = Set<String>()
        var out: [(key: String, keyNode: Node, value: Node)] = []
        for (k, v) in mapping {
            guard case .scalar(let key) = k, YAMLReader.tag(k) != .null else {
                throw error(k, "\(what): keys must be names, got \(YAMLReader.kind(k))")
            }
            guard seen.insert(key.string).inserted else {
                throw error(k, "\(what): key '\(key.string)' appears twice")
            }
            out.append((key.string, k, v))
        }
        return out
    }

    /// Refuses a key that is not one of `known`, suggesting the likely one.
    func checkKey(_ key: String, at node: Node, in what: String, known: [String],
                  synonyms: [String: String] = [:]) throws(SweepFileError) {
        guard !known.contains(key) else { return }
        let hint = synonyms[key] ?? NameSuggestion.closest(to: key, among: known)
        let suffix = hint.map { "; did you mean \($0)?" } ?? "; known keys are " + known.joined(separator: ", ")
        throw error(node, "unknown key '\(key)' in \(what)\(suffix)")
    }

    /// A string scalar (a quoted or plain scalar that YAML does not type as a number,
    /// boolean or null).
    func string(_ node: Node, _ what: String) throws(SweepFileError) -> String {
        guard case .scalar(let s) = node, YAMLReader.tag(node) == .str else {
            throw error(node, "\(what) must be a string, got \(YAMLReader.kind(node))")
        }
        return s.string
    }

    /// Any scalar's text as written (numbers included), for command arguments.
    func text(_ node: Node, _ what: String) throws(SweepFileError) -> String {
        guard case .scalar(let s) = node, YAMLReader.tag(node) != .null else {
            throw error(node, "\(what) must be a string, got \(YAMLReader.kind(node))")
        }
        return s.string
    }

    /// An integer scalar at least `minimum`.
    func integer(_ node: Node, _ what: String, minimum: Int) throws(SweepFileError) -> Int {
        guard case .scalar(let s) = node, YAMLReader.tag(node) == .int else {
            throw error(node, "\(what) must be a whole number, got \(YAMLReader.kind(node))")
        }
        guard let v = Int(s.string) else { throw error(node, "\(what): \(s.string) is too large") }
        guard v >= minimum else { throw error(node, "\(what) must be at least \(minimum), got \(v)") }
        return v
    }

    /// A scalar as a parameter value: integer, real, boolean or string; null is refused.
    func value(_ node: Node, _ what: String) throws(SweepFileError) -> ParameterValue {
        guard case .scalar(let s) = node else {
            throw error(node, "\(what) must be a number, a string or a boolean, got \(YAMLReader.kind(node))")
        }
        switch YAMLReader.tag(node) {
        case .int:
            guard let v = Int(s.string) else { throw error(node, "\(what): \(s.string) is too large") }
            return .int(v)
        case .float:
            guard let v = Double(s.string), v.isFinite else { throw error(node, "\(what): \(s.string) is not a finite number") }
            return .real(v)
        case .bool:
            return .bool(s.string.lowercased() == "true")
        case .null:
            throw error(node, "\(what) has no value; write a string such as 'none' if you mean one")
        default:
            return .string(s.string)
        }
    }

    /// The elements of a list.
    func sequence(_ node: Node, _ what: String) throws(SweepFileError) -> [Node] {
        guard case .sequence(let s) = node else { throw error(node, "\(what) must be a list, got \(YAMLReader.kind(node))") }
        return Array(s)
    }
}
