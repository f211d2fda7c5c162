/// A trial's parameters as a JSON object in declared order: how the store keeps them and
/// what `HPO_PARAMS` gives a trial: `{"lr": 0.01, "layers": 3, "optimizer": "adam", "bn": true}`.
///
/// Reals are always written with a `.` or an exponent (`1.0`, `1e-05`), integers never, so
/// reading the text back gives the same `ParameterValue`s; a non-finite real is written
/// `NaN`/`Infinity`/`-Infinity` as Python's `json` does.
public enum ParameterJSON {
    /// The JSON text of `configuration`: names in `order` first, then any others sorted.
    public static func encode(_ configuration: Configuration, order: [String]) -> String {
        JSONOutput.parameters(configuration, order: order).compactText
    }

    /// The configuration and the names in stored order, from JSON text written by `encode`.
    /// Returns nil when the text is not such an object (a member that is null, an array or
    /// an object).
    public static func decode(_ text: String) -> (configuration: Configuration, order: [String])? {
        guard case .object(let members)? = try? JSONParser.parse(text) else { return nil }
        var values: [String: ParameterValue] = [:]
        var order: [String] = []
        for (name, value) in members {
            switch value {
            case .number(let x, let integer): values[name] = integer.map(ParameterValue.int) ?? .real(x)
            case .string(let s): values[name] = .string(s)
            case .bool(let b): values[name] = .bool(b)
            case .null, .array, .object: return nil
            }
            order.append(name)
        }
        return (Configuration(values), order)
    }
}
