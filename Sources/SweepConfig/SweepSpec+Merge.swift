/// Combining a sweep file with a command line.
extension SweepSpec {
    /// This spec with the command line's settings applied: the command line wins.
    ///
    /// Parameters merge by name — an inline parameter replaces the file's one where it stood,
    /// new ones follow the file's — and the command line's command replaces the file's. The
    /// file's parameters that the new command has no placeholder for are appended as
    /// `--name value`, like every parameter without a placeholder.
    /// - Throws: `CommandTemplateError` when the resulting command uses a placeholder that
    ///   names no parameter; `SearchSpaceError` when an override's domain is invalid.
    public func merged(with overrides: SweepOverrides) throws -> SweepSpec {
        var out = self
        if let v = overrides.name { out.name = v }
        if let v = overrides.command { out.command = v }
        if let v = overrides.metricName { out.metric.name = v }
        if let v = overrides.goal { out.metric.goal = v }
        if let v = overrides.furtherMetrics { out.furtherMetrics = v }
        if let v = overrides.strategy { out.strategy = v }
        if let v = overrides.constraints { out.constraints = v }
        if let v = overrides.trials { out.trials = v }
        if let v = overrides.seed { out.seed = v }
        if let v = overrides.parallel { out.parallel = v }
        if let v = overrides.gpus { out.gpus = v }
        if let v = overrides.warmStart { out.warmStart = v }
        var parameters = space.parameters
        for p in overrides.parameters {
            if let i = parameters.firstIndex(where: { $0.name == p.name }) {
                parameters[i] = p
            } else {
                parameters.append(p)
            }
        }
        out.space = try SearchSpace(parameters)
        try out.command.validate(for: out.space)
        return out
    }
}
