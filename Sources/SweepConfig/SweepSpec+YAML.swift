import Yams

/// The resolved configuration of a run, as YAML: every key written out (defaults included),
/// pre-sampled draws as the values drawn, so loading it gives back an equal `SweepSpec` and
/// the same trials.
extension SweepSpec {
    /// The spec as sweep-file text (`name`, `trials`, `early_stopping` and an empty `command`
    /// are left out when unset).
    public var yaml: String {
        var pairs: [(Node, Node)] = []
        func add(_ key: String, _ value: Node) { pairs.append((Node(key), value)) }
        if let name { add("name", SweepSpec.scalar(.string(name))) }
        if !command.isEmpty {
            add("command", Node(command.writtenArguments.map { SweepSpec.scalar(.string($0)) }, .implicit, .flow))
        }
        func metricNode(_ m: SweepMetric, _ style: Node.Mapping.Style = .any) -> Node {
            Node([(Node("name"), SweepSpec.scalar(.string(m.name))), (Node("goal"), Node(m.goal.rawValue))], .implicit, style)
        }
        if furtherMetrics.isEmpty {
            add("metric", metricNode(metric))
        } else {
            add("metrics", Node(metrics.map { metricNode($0, .flow) }, .implicit, .block))
        }
        if !constraints.isEmpty {
            add("constraints", Node(constraints.map { Node($0.description, Tag(.str), .doubleQuoted) }, .implicit, .flow))
        }
        add("strategy", Node(strategy.rawValue))
        if let trials { add("trials", Node(String(trials))) }
        add("seed", Node(String(seed)))
        add("parallel", Node(String(parallel)))
        add("gpus", Node(gpus.map { Node(String($0)) }, .implicit, .flow))
        add("parameters", Node(space.parameters.map { (Node($0.name), SweepSpec.node(for: $0)) }))
        if let earlyStopping {
            var options: [(Node, Node)] = [(Node("rule"), Node(earlyStopping.rule.rawValue))]
            for key in earlyStopping.options.keys.sorted() {
                options.append((Node(key), SweepSpec.scalar(earlyStopping.options[key]!)))
            }
            add("early_stopping", Node(options))
        }
        if !datastores.isEmpty {
            add("datastores", Node(datastores.map { (Node($0.name), SweepSpec.scalar(.string($0.path))) }))
        }
        if let backend { add("backend", SweepSpec.node(for: backend)) }
        if nodes != 1 { add("nodes", Node(String(nodes))) }
        if ranksPerNode != 1 { add("ranks_per_node", Node(String(ranksPerNode))) }
        if launcher != "torchrun" { add("launcher", Node(launcher)) }
        if !warmStart.isEmpty {
            add("warm_start", Node(warmStart.map { SweepSpec.scalar(.string($0)) }, .implicit, .flow))
        }
        do {
            return try Yams.serialize(node: Node(pairs), width: -1, allowUnicode: true)
        } catch {
            // The emitter fails only on invalid UTF-8, which Swift strings cannot hold.
            preconditionFailure("YAML emitter failed: \(error)")
        }
    }

    /// `backend:` as `local`, `slurm`, or `{slurm: {…}}` with the settings given.
    static func node(for backend: SweepBackend) -> Node {
        var settings: [(Node, Node)] = []
        func add(_ key: String, _ value: String?) { if let value { settings.append((Node(key), scalar(.string(value)))) } }
        add("partition", backend.partition)
        add("account", backend.account)
        add("qos", backend.qos)
        add("time", backend.time)
        add("constraint", backend.constraint)
        if let k = backend.gpusPerTrial { settings.append((Node("gpus_per_trial"), Node(String(k)))) }
        if let k = backend.cpusPerTrial { settings.append((Node("cpus_per_trial"), Node(String(k)))) }
        add("mem_per_trial", backend.memoryPerTrial)
        if !backend.extraArguments.isEmpty {
            settings.append((Node("extra_args"), Node(backend.extraArguments.map { scalar(.string($0)) }, .implicit, .flow)))
        }
        if settings.isEmpty { return Node(backend.kind.rawValue) }
        return Node([(Node(backend.kind.rawValue), Node(settings))])
    }

    /// One parameter: its sweep text, a `{distribution, min, max, grid_points}` mapping
    /// when it has grid points, or its constant value; with its condition, the sweep text
    /// gets ` when …` and a mapping `when:` (a constant becomes `{value: x, when: …}`).
    static func node(for p: Parameter) -> Node {
        let plain = node(forDomainOf: p)
        guard let condition = p.condition else { return plain }
        let when = Node(condition.text, Tag(.str), .doubleQuoted)
        if case .mapping(let m) = plain {
            return Node(m.map { ($0.key, $0.value) } + [(Node("when"), when)], .implicit, .flow)
        }
        if case .constant = p.domain { return Node([(Node("value"), plain), (Node("when"), when)], .implicit, .flow) }
        let text = (plain.scalar?.string ?? "") + " when " + condition.text
        return Node(text, Tag(.str), text.contains("'") ? .doubleQuoted : .any)
    }

    private static func node(forDomainOf p: Parameter) -> Node {
        switch p.domain {
        case .constant(let v):
            if case .string(let s) = v, SweepSyntax.isExpression(s) { return Node([(Node("value"), scalar(v))], .implicit, .flow) }
            return scalar(v)
        case .real(let low, let high, let log) where p.gridPoints != nil:
            return range(log ? "log_uniform" : "uniform", .real(low), .real(high), p.gridPoints!)
        case .integer(let low, let high, let log) where p.gridPoints != nil:
            return range(log ? "log_int_uniform" : "int_uniform", .int(low), .int(high), p.gridPoints!)
        default:
            // Python string literals use single quotes, so YAML double quotes read best around them.
            let text = SweepSyntax.text(for: p.domain)!
            return Node(text, Tag(.str), text.contains("'") ? .doubleQuoted : .any)
        }
    }

    private static func range(_ distribution: String, _ low: ParameterValue, _ high: ParameterValue, _ points: Int) -> Node {
        Node([(Node("distribution"), Node(distribution)), (Node("min"), scalar(low)), (Node("max"), scalar(high)),
              (Node("grid_points"), Node(String(points)))], .implicit, .flow)
    }

    /// A value as a YAML scalar of the same type. Strings are quoted whenever plain text
    /// would read back as something else, under the core schema the loader uses or under
    /// YAML 1.1's (so other tools read them as strings too).
    static func scalar(_ v: ParameterValue) -> Node {
        switch v {
        case .string(let s):
            let plain = Node(s)
            let typed = YAMLReader.resolver.resolveTag(of: plain) != .str
                || Resolver.default.resolveTag(of: plain) != .str
            return Node(s, Tag(.str), typed ? .doubleQuoted : .any)
        case .bool(let b):
            return Node(b ? "true" : "false")
        default:
            return Node(v.commandLineText)
        }
    }
}
