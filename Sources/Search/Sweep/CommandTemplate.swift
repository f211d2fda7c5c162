/// A trial's command as an argv list with `{name}` placeholders. No shell ever sees it:
/// each element becomes exactly one argument of the process.
///
/// A placeholder fills a whole element (`{lr}`) or part of one (`--lr={lr}`). Every
/// parameter that no placeholder names is appended as `--name value`, in declared order —
/// so a command without placeholders gets all of them appended, as W&B and Grid.ai do.
public struct CommandTemplate: Hashable, Sendable {
    /// A piece of one argument: text taken as is, or a parameter's value.
    public enum Segment: Hashable, Sendable {
        /// Text passed through unchanged (braces in it are plain characters).
        case text(String)
        /// The value of the named parameter, as `ParameterValue.commandLineText`.
        case parameter(String)
    }

    /// The arguments, each a sequence of segments.
    public var arguments: [[Segment]]

    /// A template from ready-made segments (the inline sweep builds it this way, so
    /// literal arguments keep their braces).
    public init(arguments: [[Segment]]) {
        self.arguments = arguments
    }

    /// A template of literal arguments only.
    public init(literal argv: [String]) {
        self.arguments = argv.map { [.text($0)] }
    }

    /// The parameter names the placeholders use, in order of first use.
    public var placeholders: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for argument in arguments {
            for case .parameter(let name) in argument where seen.insert(name).inserted { out.append(name) }
        }
        return out
    }

    /// True when the template has no arguments at all.
    public var isEmpty: Bool { arguments.isEmpty }

    /// Checks that every placeholder names a parameter of `space` that every trial has (one
    /// without a condition).
    public func validate(for space: SearchSpace) throws(CommandTemplateError) {
        for name in placeholders {
            guard let p = space[name] else {
                throw CommandTemplateError.unknownPlaceholder(name: name, parameters: space.names)
            }
            if let condition = p.condition {
                throw CommandTemplateError.conditionalPlaceholder(name: name, condition: condition.text)
            }
        }
    }

    /// The argv of one trial: placeholders replaced by the configuration's values, then
    /// `--name value` for each parameter of `space` that no placeholder names and the
    /// configuration holds (an inactive parameter is left out).
    /// - Throws: `CommandTemplateError.unknownPlaceholder` when the configuration lacks a
    ///   placeholder's value.
    public func render(_ configuration: Configuration, in space: SearchSpace) throws(CommandTemplateError) -> [String] {
        var argv: [String] = []
        for argument in arguments {
            var text = ""
            for segment in argument {
                switch segment {
                case .text(let t): text += t
                case .parameter(let name):
                    guard let v = configuration[name] else {
                        throw CommandTemplateError.unknownPlaceholder(name: name, parameters: space.names)
                    }
                    text += v.commandLineText
                }
            }
            argv.append(text)
        }
        let used = Set(placeholders)
        for p in space.parameters where !used.contains(p.name) {
            guard let v = configuration[p.name] else { continue }
            argv += ["--\(p.name)", v.commandLineText]
        }
        return argv
    }
}
