import Foundation

/// Turns what a person wrote — `--lr 0.01 --layers 4`, or the rows of a CSV file whose columns
/// are named after parameters (results.csv itself) — into configurations of a run's space,
/// each checked: every active parameter has a value its domain holds, nothing else is given.
/// Values are read as a trial's command line receives them (`0.01`, `4`, `adam`, `True`);
/// a parameter that is a constant may be left out.
public enum EnqueueInput {
    /// One configuration from `(name, text)` pairs; `place` says where they were written.
    public static func configuration(_ pairs: [(name: String, text: String)], space: SearchSpace,
                                     place: String) throws(EnqueueError) -> Configuration {
        var given: [String: String] = [:]
        for (name, text) in pairs {
            guard space[name] != nil else {
                throw .unknownParameter(name: name, place: place,
                                        suggestion: NameSuggestion.closest(to: name, among: space.names), known: space.names)
            }
            given[name] = text
        }
        var values: [String: ParameterValue] = [:]
        for parameter in space.parameters {
            let text = given[parameter.name]
            guard space.isActive(parameter, given: values) else {
                if let text, !text.isEmpty {
                    throw .inactiveParameter(name: parameter.name, place: place, condition: parameter.condition?.text ?? "")
                }
                continue
            }
            guard let text, !text.isEmpty else {
                if case .constant(let v) = parameter.domain { values[parameter.name] = v; continue }
                throw .missingParameter(name: parameter.name, place: place)
            }
            guard let value = value(of: text, in: parameter.domain) else {
                throw .badValue(name: parameter.name, value: text, place: place,
                                expected: SweepSyntax.text(for: parameter.domain) ?? "other values")
            }
            values[parameter.name] = value
        }
        return Configuration(values)
    }

    /// The configurations of a CSV file's rows, each with its source (`results.csv row 3`).
    /// Columns not named after a parameter (`trial`, `objective`, …) are ignored; an empty
    /// cell is a value not given (a conditional parameter that is inactive).
    public static func configurations(csv path: String, space: SearchSpace) throws(EnqueueError)
        -> [(configuration: Configuration, source: String)] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        let records = CSVRecords.parse(text)
        guard let header = records.first else { throw .emptyFile(path: path, reason: "the file is empty") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let columns = names.indices.filter { space[names[$0]] != nil }
        guard !columns.isEmpty else {
            throw .emptyFile(path: path, reason: "no column is named after a parameter of the run "
                             + "(\(space.names.joined(separator: ", "))); the first line names the columns")
        }
        let rows = records.dropFirst()
        guard !rows.isEmpty else { throw .emptyFile(path: path, reason: "no rows under the header") }
        let file = (path as NSString).lastPathComponent
        var out: [(configuration: Configuration, source: String)] = []
        for (index, record) in rows.enumerated() {
            let place = "\(path) row \(index + 1) (line \(record.line))"
            let pairs = columns.map { (name: names[$0], text: $0 < record.fields.count ? record.fields[$0] : "") }
            out.append((try configuration(pairs, space: space, place: place), "\(file) row \(index + 1)"))
        }
        return out
    }

    /// `--lr 0.01 --layers=4` as `(name, text)` pairs.
    public static func pairs(_ arguments: [String]) throws(EnqueueError) -> [(name: String, text: String)] {
        var out: [(name: String, text: String)] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw .malformed("'\(argument)': give values as --name value (hpo enqueue RUN --lr 0.01 --layers 4)")
            }
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                out.append((String(body[..<equals]), String(body[body.index(after: equals)...])))
                i += 1
            } else {
                guard i + 1 < arguments.count else { throw .malformed("\(argument) has no value") }
                out.append((String(body), arguments[i + 1]))
                i += 2
            }
        }
        if let repeated = Dictionary(grouping: out, by: \.name).first(where: { $0.value.count > 1 })?.key {
            throw .malformed("--\(repeated) is given twice; enqueue one configuration a command (or use --from FILE.csv)")
        }
        return out
    }

    /// `text` as a value of `domain`, read as a command line writes it; nil when the domain
    /// does not hold it.
    static func value(of text: String, in domain: Domain) -> ParameterValue? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch domain {
        case .real(let low, let high, _):
            guard let x = Double(trimmed), x.isFinite, x >= low, x <= high else { return nil }
            return .real(x)
        case .integer(let low, let high, _):
            let n = Int(trimmed) ?? Double(trimmed).flatMap { $0 == $0.rounded() && abs($0) < 9e15 ? Int($0) : nil }
            guard let n, n >= low, n <= high else { return nil }
            return .int(n)
        case .categorical(let values), .ordinal(let values):
            return values.first { matches(trimmed, $0) }
        case .constant(let v):
            return matches(trimmed, v) ? v : nil
        }
    }

    /// True when `text` spells `value`: as the command line receives it, quoted or not, a
    /// number by its value, a boolean in any case.
    private static func matches(_ text: String, _ value: ParameterValue) -> Bool {
        var unquoted = text
        if unquoted.count >= 2, let q = unquoted.first, q == "'" || q == "\"", unquoted.last == q {
            unquoted = String(unquoted.dropFirst().dropLast())
        }
        switch value {
        case .string(let s): return s == unquoted
        case .bool(let b): return unquoted.lowercased() == (b ? "true" : "false")
        case .int, .real: return Double(unquoted).map { $0 == value.numericValue } ?? false
        }
    }
}
