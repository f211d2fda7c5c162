import Foundation
import Yams

/// The top-level sections of a sweep file other than `parameters`.
extension YAMLReader {
    func seed(_ node: Node) throws(SweepFileError) -> UInt64 {
        guard case .scalar(let s) = node, YAMLReader.tag(node) == .int, let v = UInt64(s.string) else {
            throw error(node, "seed must be a whole number from 0 to \(UInt64.max), got \(YAMLReader.kind(node))")
        }
        return v
    }

    /// `command`: a list of arguments, each possibly with `{name}` placeholders.
    func command(_ node: Node) throws(SweepFileError) -> CommandTemplate {
        if case .scalar = node, YAMLReader.tag(node) == .str {
            throw error(node, "command must be a list of arguments, e.g. [python3, train.py]: hpo runs it without a shell")
        }
        let elements = try sequence(node, "command")
        guard !elements.isEmpty else { throw error(node, "command must name a program to run") }
        var argv: [String] = []
        for (i, e) in elements.enumerated() { argv.append(try text(e, "command argument \(i + 1)")) }
        do {
            return try CommandTemplate(parsing: argv)
        } catch {
            if case .malformedPlaceholder(_, let index, _, _) = error {
                throw self.error(elements[index], "\(error)")
            }
            throw self.error(node, "\(error)")
        }
    }

    /// Every `{name}` of the command must be a parameter; the error points at the argument.
    func checkPlaceholders(_ command: CommandTemplate, _ node: Node, _ space: SearchSpace) throws(SweepFileError) {
        do {
            try command.validate(for: space)
        } catch {
            let name: String
            switch error {
            case .unknownPlaceholder(let n, _), .conditionalPlaceholder(let n, _): name = n
            default: throw self.error(node, "\(error)")
            }
            let elements = (try? sequence(node, "command")) ?? []
            let at = elements.first { $0.scalar?.string.contains("{\(name)}") == true } ?? node
            throw self.error(at, "\(error)")
        }
    }

    /// `metric: {name: …, goal: …}` (or one entry of `metrics:` as a mapping, `what`).
    func metric(_ node: Node, what: String = "metric") throws(SweepFileError) -> SweepMetric {
        var metric = SweepMetric()
        for e in try mapping(node, what) {
            try checkKey(e.key, at: e.keyNode, in: what, known: ["name", "goal"])
            if e.key == "name" {
                metric.name = try string(e.value, "\(what).name")
            } else {
                let text = try string(e.value, "\(what).goal")
                guard let goal = SweepMetric.goal(named: text) else {
                    throw error(e.value, "\(what).goal must be minimize or maximize, got '\(text)'")
                }
                metric.goal = goal
            }
        }
        return metric
    }

    /// `gpus`: a list of device ids (`[0, 1]`) or the same as text (`"0,1"`).
    func gpus(_ node: Node) throws(SweepFileError) -> [Int] {
        var ids: [Int] = []
        if case .scalar(let s) = node, YAMLReader.tag(node) == .str {
            do throws(GPUList.Problem) {
                ids = try GPUList.parse(s.string)
            } catch .ambiguous(let n) {
                throw error(node, "gpus: \"\(s.string)\" is ambiguous (Grid.ai's --gpus \(n) is a count; gpus lists device "
                            + "ids): for device \(n) alone write gpus: [\(n)]; for \(n) GPUs per trial list the devices "
                            + "and give --gpus-per-trial \(n)")
            } catch .repeated(let id) {
                throw error(node, "gpus lists device \(id) twice")
            } catch {
                throw self.error(node, "gpus must list device ids such as \"0,1,2,3\", got '\(s.string)'")
            }
        } else if case .sequence = node {
            for e in try sequence(node, "gpus") { ids.append(try integer(e, "a gpu id", minimum: 0)) }
        } else {
            throw error(node, "gpus must list device ids, e.g. [0, 1, 2, 3] or \"0,1,2,3\", got \(YAMLReader.kind(node))")
        }
        if let repeated = ids.enumerated().first(where: { ids[..<$0.offset].contains($0.element) }) {
            throw error(node, "gpus lists device \(repeated.element) twice")
        }
        return ids
    }

    /// `early_stopping`: `rule` plus numeric options, checked by the rule itself (unknown or
    /// missing options, values out of range) so that a mistake is reported at its line.
    func earlyStopping(_ node: Node) throws(SweepFileError) -> EarlyStoppingSpec {
        var rule: EarlyStoppingRule?
        var options: [String: ParameterValue] = [:]
        var optionNodes: [String: Node] = [:]
        for e in try mapping(node, "early_stopping") {
            if e.key == "rule" {
                let text = try string(e.value, "early_stopping.rule")
                guard let r = EarlyStoppingRule(rawValue: text) else {
                    let known = EarlyStoppingRule.allCases.map(\.rawValue)
                    let hint = NameSuggestion.closest(to: text, among: known).map { "; did you mean \($0)?" } ?? ""
                    throw error(e.value, "early_stopping.rule must be one of \(known.joined(separator: ", ")), got '\(text)'\(hint)")
                }
                rule = r
            } else {
                options[e.key] = try value(e.value, "early_stopping.\(e.key)")
                optionNodes[e.key] = e.value
            }
        }
        guard let rule else {
            throw error(node, "early_stopping needs a rule: median, asha, hyperband, threshold or patience")
        }
        var numbers: [String: Double] = [:]
        for (name, v) in options {
            guard let x = v.numericValue else {
                throw error(optionNodes[name] ?? node, "early_stopping.\(name) must be a number, got \(v)")
            }
            numbers[name] = x
        }
        do {
            _ = try EarlyStoppingRule.make(name: rule.rawValue, options: numbers)
        } catch let e as EarlyStoppingError {
            var at = node
            switch e {
            case .unknownOption(_, let option, _), .invalidOption(_, let option, _, _):
                at = optionNodes[option] ?? node
            default:
                break
            }
            throw error(at, "early_stopping: \(e)")
        } catch {
            throw self.error(node, "early_stopping: \(error)")
        }
        return EarlyStoppingSpec(rule: rule, options: options)
    }
}

extension YAMLReader {
    /// `constraints`: a list of `metric <= bound` / `metric >= bound` texts; an error points
    /// at the character at fault. A constraint on an objective itself is refused: the
    /// objective is optimized already, and a bound on it would only hide trials.
    func constraints(_ node: Node, objectives: [String]) throws(SweepFileError) -> [OutcomeConstraint] {
        guard case .sequence = node else {
            throw error(node, "constraints must be a list, e.g. [\"peak_memory_gb <= 16\"], got \(YAMLReader.kind(node))")
        }
        var out: [OutcomeConstraint] = []
        for e in try sequence(node, "constraints") {
            let text = try string(e, "a constraint")
            let quote = e.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted ? 1 : 0 } ?? 0
            let c: OutcomeConstraint
            do {
                c = try OutcomeConstraint(parsing: text)
            } catch {
                throw self.error(e, "constraints: \(error.reason) in \"\(text)\"", columnOffset: quote + error.column - 1)
            }
            if objectives.contains(c.metric) {
                throw self.error(e, "constraints: \"\(text)\" bounds the objective '\(c.metric)', which is optimized "
                                 + "already; drop it, or constrain another metric the trials report", columnOffset: quote)
            }
            out.append(c)
        }
        return out
    }
}

extension YAMLReader {
    /// `warm_start: run` or `warm_start: [run1, run2]`: run names (any scalar's text: a run
    /// may be named `2024`).
    func runNames(_ node: Node, _ what: String) throws(SweepFileError) -> [String] {
        if case .sequence = node {
            return try sequence(node, what).map { n throws(SweepFileError) in try text(n, what) }
        }
        return [try text(node, what)]
    }
}
