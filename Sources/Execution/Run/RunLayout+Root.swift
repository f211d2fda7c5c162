extension RunLayout {
    /// The root used when neither `--root` nor `HPO_ROOT` says otherwise.
    public static let defaultRoot = "runs"

    /// The root that holds runs: the `--root` option when given, else `HPO_ROOT` when set
    /// and non-empty, else `./runs`. A relative root is resolved against `currentDirectory`.
    /// The environment is a parameter so that callers (and tests) decide what it is.
    public static func resolveRoot(option: String?, environment: [String: String],
                                   currentDirectory: String) -> String {
        let chosen: String
        if let option, !option.isEmpty {
            chosen = option
        } else if let fromEnvironment = environment["HPO_ROOT"], !fromEnvironment.isEmpty {
            chosen = fromEnvironment
        } else {
            chosen = defaultRoot
        }
        if chosen.hasPrefix("/") { return chosen }
        return join(currentDirectory, chosen.hasPrefix("./") ? String(chosen.dropFirst(2)) : chosen)
    }
}
