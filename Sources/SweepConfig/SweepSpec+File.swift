import Foundation
import Yams

/// Reading a sweep file.
///
///     name: lr-sweep
///     command: [python3, train.py, --lr, "{lr}"]
///     metric: {name: val_loss, goal: minimize}   # or metrics: [val_loss:min, latency_ms:min]
///     strategy: random
///     trials: 40
///     seed: 7
///     parallel: 4
///     gpus: [0, 1, 2, 3]
///     parameters:
///       lr: "loguniform(1e-5, 1e-1)"
///       layers: {distribution: int_uniform, min: 1, max: 8}
///       optimizer: [sgd, adam]
///       epochs: 10
///     constraints: ["peak_memory_gb <= 16"]
///     early_stopping: {rule: median, min_steps: 5}
extension SweepSpec {
    /// The top-level keys of a sweep file.
    public static let fileKeys = ["name", "command", "metric", "metrics", "strategy", "trials", "seed", "parallel", "gpus",
                                  "parameters", "constraints", "early_stopping", "datastores", "backend", "nodes",
                                  "ranks_per_node", "launcher", "warm_start"]

    /// W&B Sweeps' names for the same keys, answered with a hint.
    static let fileSynonyms = ["method": "strategy", "program": "command", "run_cap": "trials",
                               "early_terminate": "early_stopping"]

    /// The largest sweep file read, in bytes (4 MiB). A sweep file is a few hundred bytes;
    /// even a list of 100,000 values fits in 2 MiB. Past this, composing the YAML tree takes
    /// about 30 times the file's size in memory, so a wrong file (a dataset given as
    /// `--config`) is refused before it is read.
    public static let maximumFileBytes = 4 << 20

    /// Reads a sweep file's text.
    /// - Parameters:
    ///   - yaml: the file's contents.
    ///   - path: the file's name, for error messages.
    ///   - seed: the command line's `--seed`, when given: it wins over the file's `seed` and
    ///     fixes the pre-sampled draws (`uniform(0, 1, 5)`) of the file's parameters.
    ///   - defaultSeed: the seed when neither `seed` nor the file gives one (the CLI passes a
    ///     fresh one for each new run; a Swift program gets 0 unless it says otherwise).
    /// - Throws: `SweepFileError` with the line and column at fault.
    public init(yaml: String, path: String = "<sweep>", seed: UInt64? = nil, defaultSeed: UInt64 = 0) throws(SweepFileError) {
        if yaml.utf8.count > SweepSpec.maximumFileBytes { throw SweepSpec.tooLarge(path, bytes: yaml.utf8.count) }
        let reader = YAMLReader(path: path)
        guard let root = try reader.compose(yaml) else {
            self.init(seed: seed ?? defaultSeed, space: try! SearchSpace([]))
            return
        }
        let entries = try reader.mapping(root, "the sweep file")
        var node: [String: Node] = [:]
        for e in entries {
            try reader.checkKey(e.key, at: e.keyNode, in: "the sweep file", known: SweepSpec.fileKeys,
                                synonyms: SweepSpec.fileSynonyms)
            node[e.key] = e.value
        }
        // The seed comes first: the parameters' pre-sampled draws depend on it.
        let fileSeed = try node["seed"].map { n throws(SweepFileError) in try reader.seed(n) }
        let runSeed = seed ?? fileSeed ?? defaultSeed
        var parameters: [Parameter] = []
        var parameterNodes: [String: Node] = [:]
        if let p = node["parameters"] {
            for e in try reader.mapping(p, "parameters") {
                parameters.append(try reader.parameter(e.key, e.value, seed: runSeed))
                parameterNodes[e.key] = e.value
            }
        }
        let space: SearchSpace
        do {
            space = try SearchSpace(parameters)
        } catch {
            // Point at the parameter at fault (its condition, when it has one).
            let at = (error as? SearchSpaceError)?.parameter.flatMap { parameterNodes[$0] }
            let place: (node: Node?, columnOffset: Int) = at.map { reader.conditionPlace(of: $0) } ?? (node["parameters"], 0)
            throw reader.error(place.node, "parameters: \(error)", columnOffset: place.columnOffset)
        }
        self.init(seed: runSeed, space: space)
        if let n = node["name"] { name = try reader.string(n, "name") }
        if let n = node["command"] {
            command = try reader.command(n)
            try reader.checkPlaceholders(command, n, space)
        }
        if let n = node["metric"] { metric = try reader.metric(n) }
        if let n = node["metrics"] {
            if node["metric"] != nil {
                throw reader.error(n, "give either metric: (one objective) or metrics: (a list of objectives), not both")
            }
            let list = try reader.metrics(n)
            metric = list[0]
            furtherMetrics = Array(list.dropFirst())
        }
        if let n = node["constraints"] { constraints = try reader.constraints(n, objectives: metrics.map(\.name)) }
        if let n = node["strategy"] {
            let text = try reader.string(n, "strategy")
            guard let kind = StrategyKind(name: text) else {
                throw reader.error(n, "strategy must be grid, random, bayes or tpe, got '\(text)'")
            }
            strategy = kind
        }
        if let n = node["trials"] { trials = try reader.integer(n, "trials", minimum: 1) }
        if let n = node["parallel"] { parallel = try reader.integer(n, "parallel", minimum: 1) }
        if let n = node["gpus"] { gpus = try reader.gpus(n) }
        if let n = node["early_stopping"] { earlyStopping = try reader.earlyStopping(n) }
        if let n = node["backend"] { backend = try SweepSpec.backend(n, reader) }
        if let n = node["nodes"] { nodes = try reader.integer(n, "nodes", minimum: 1) }
        if let n = node["ranks_per_node"] { ranksPerNode = try reader.integer(n, "ranks_per_node", minimum: 1) }
        if let n = node["launcher"] {
            launcher = try reader.string(n, "launcher")
            guard ["torchrun", "mpi"].contains(launcher) else {
                throw reader.error(n, "launcher must be torchrun or mpi, got '\(launcher)'")
            }
        }
        if let n = node["warm_start"] { warmStart = try reader.runNames(n, "warm_start") }
        if let n = node["datastores"] {
            for e in try reader.mapping(n, "datastores") {
                guard SweepDatastore.isValidName(e.key) else {
                    throw reader.error(e.keyNode, "datastores: name '\(e.key)' must be letters, digits and _, not starting "
                                       + "with a digit (it becomes HPO_DATA_\(e.key.uppercased()))")
                }
                datastores.append(SweepDatastore(name: e.key, path: try reader.string(e.value, "datastores.\(e.key)")))
            }
        }
    }

    /// `backend: local | slurm` or `backend: {slurm: {partition: …, …}}`.
    static func backend(_ node: Node, _ reader: YAMLReader) throws(SweepFileError) -> SweepBackend {
        let kinds = SweepBackend.Kind.allCases.map(\.rawValue).joined(separator: " or ")
        if case .scalar = node {
            let text = try reader.string(node, "backend")
            guard let kind = SweepBackend.Kind(rawValue: text) else {
                throw reader.error(node, "backend must be \(kinds), got '\(text)'")
            }
            return SweepBackend(kind: kind)
        }
        let entries = try reader.mapping(node, "backend")
        guard entries.count == 1, let entry = entries.first, let kind = SweepBackend.Kind(rawValue: entry.key) else {
            throw reader.error(node, "backend must be \(kinds), or one of them with its settings: {slurm: {partition: gpu}}")
        }
        var backend = SweepBackend(kind: kind)
        guard kind == .slurm else { return backend }
        for e in try reader.mapping(entry.value, "backend.slurm") {
            try reader.checkKey(e.key, at: e.keyNode, in: "backend.slurm", known: SweepBackend.slurmKeys, synonyms: [:])
            let what = "backend.slurm.\(e.key)"
            switch e.key {
            case "partition": backend.partition = try reader.string(e.value, what)
            case "account": backend.account = try reader.string(e.value, what)
            case "qos": backend.qos = try reader.string(e.value, what)
            case "time": backend.time = try reader.string(e.value, what)
            case "constraint": backend.constraint = try reader.string(e.value, what)
            case "gpus_per_trial": backend.gpusPerTrial = try reader.integer(e.value, what, minimum: 1)
            case "cpus_per_trial": backend.cpusPerTrial = try reader.integer(e.value, what, minimum: 1)
            case "mem_per_trial": backend.memoryPerTrial = try reader.string(e.value, what)
            default: backend.extraArguments = try reader.sequence(e.value, what).map { n throws(SweepFileError) in
                try reader.string(n, what)
            }
            }
        }
        return backend
    }

    /// Reads a sweep file from disk; see `init(yaml:path:seed:)`. A file over
    /// `maximumFileBytes` is refused without being read into memory.
    public static func load(contentsOf path: String, seed: UInt64? = nil,
                            defaultSeed: UInt64 = 0) throws(SweepFileError) -> SweepSpec {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (permission?)" : "no such file"
            throw SweepFileError(path: path, line: 0, column: 0, message: reason)
        }
        defer { try? handle.close() }
        // One byte past the limit tells a file over it, whatever the file is (a pipe, /dev/zero).
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileBytes + 1) ?? Data()
        } catch {
            throw SweepFileError(path: path, line: 0, column: 0, message: "cannot be read: \(error.localizedDescription)")
        }
        if data.count > maximumFileBytes {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let regular = attributes?[.type] as? FileAttributeType == .typeRegular
            throw tooLarge(path, bytes: regular ? (attributes?[.size] as? NSNumber)?.intValue : nil)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SweepFileError(path: path, line: 0, column: 0, message: "cannot be read as UTF-8 text")
        }
        return try SweepSpec(yaml: text, path: path, seed: seed, defaultSeed: defaultSeed)
    }

    /// The error for a sweep over `maximumFileBytes` (of `bytes` when known).
    static func tooLarge(_ path: String, bytes: Int?) -> SweepFileError {
        let mib = { (n: Int) in String(format: "%.1f MiB", Double(n) / 1_048_576) }
        let size = bytes.map { "\(mib($0)) (\($0) bytes), over" } ?? "more than"
        return SweepFileError(path: path, line: 0, column: 0,
                              message: "\(size) the limit of \(mib(maximumFileBytes)) for a sweep file; is this the right file?")
    }
}
