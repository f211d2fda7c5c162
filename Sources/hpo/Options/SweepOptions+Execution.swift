import Execution
import Foundation

/// The options that say how trials run (not what is searched).
extension SweepOptions {
    /// The run root: `--root`, else `$HPO_ROOT`, else `./runs`.
    var resolvedRoot: String {
        RunLayout.resolveRoot(option: root, environment: ProcessInfo.processInfo.environment,
                              currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// The slot ledger for `spec`: CPU slots from `--parallel`, or GPUs from `--gpus`
    /// (`all` detected), `--gpus-per-trial` and `--trials-per-gpu`.
    func slots(for spec: SweepSpec) throws -> SlotLedger {
        if let k = gpusPerTrial, k < 1 { throw InputError("--gpus-per-trial \(k): must be at least 1") }
        if let m = trialsPerGpu, m < 1 { throw InputError("--trials-per-gpu \(m): must be at least 1") }
        var ids = spec.gpus
        if let gpus, gpus.trimmingCharacters(in: .whitespaces) == "all" {
            ids = try GPUSelection.all.resolve {
                () throws(SlotError) -> [Int] in try GPUDetection.detect(environment: ProcessInfo.processInfo.environment)
            }
        }
        guard !ids.isEmpty else {
            if gpusPerTrial != nil || trialsPerGpu != nil {
                throw InputError("--gpus-per-trial and --trials-per-gpu need --gpus (e.g. --gpus 0,1,2,3 or --gpus all)")
            }
            return try SlotLedger(parallel: spec.parallel)
        }
        return try SlotLedger(gpus: ids, gpusPerTrial: gpusPerTrial ?? 1, trialsPerGPU: trialsPerGpu ?? 1,
                              parallel: parallel)
    }

    /// Timeouts, objective reduction, stdout metrics, failure and retry budgets: the options
    /// given, over `base` (a resumed run's stored settings).
    func executionOptions(base: ExecutionOptions = ExecutionOptions()) throws -> ExecutionOptions {
        var options = base
        options.handlesSignals = true
        if let timeout { options.trialTimeout = try DurationText.parse(timeout, option: "--timeout") }
        if let stallTimeout { options.stallTimeout = try DurationText.parse(stallTimeout, option: "--stall-timeout") }
        if let grace { options.grace = try DurationText.parse(grace, option: "--grace", allowZero: true) }
        if let objective {
            guard let reduction = ObjectiveReduction(rawValue: objective) else {
                throw InputError("--objective \"\(objective)\": choose last, min, max or best")
            }
            options.objective = reduction
        }
        if let metricPattern {
            if metricPattern == "default" {
                options.stdoutPattern = .standard
            } else {
                do {
                    options.stdoutPattern = try MetricPattern(regex: metricPattern, metric: metric ?? "objective")
                } catch {
                    throw InputError("--metric-pattern \"\(metricPattern)\": \(error)")
                }
            }
        }
        if let retries {
            guard retries >= 0 else { throw InputError("--retries \(retries): must be 0 or more") }
            options.retryPolicy.retries = retries
        }
        if let maxPreemptions {
            guard maxPreemptions >= 0 else { throw InputError("--max-preemptions \(maxPreemptions): must be 0 or more") }
            options.retryPolicy.maximumPreemptions = maxPreemptions
        }
        if let maxFailures {
            guard maxFailures >= 1 else { throw InputError("--max-failures \(maxFailures): must be at least 1") }
            options.maximumFailures = maxFailures
        }
        return options
    }
}

/// Durations as people type them: `90` (seconds), `30s`, `1.5m`, `2h`, `500ms`.
enum DurationText {
    static func parse(_ text: String, option: String, allowZero: Bool = false) throws -> Duration {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var number = t
        var scale = 1.0
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            number = String(t.dropLast(suffix.count))
            scale = factor
            break
        }
        guard let value = Double(number), value.isFinite, value > 0 || (allowZero && value == 0) else {
            throw InputError("\(option) \"\(text)\": give a duration like 90, 30s, 5m or 2h")
        }
        return .milliseconds(Int((value * scale * 1000).rounded()))
    }
}
