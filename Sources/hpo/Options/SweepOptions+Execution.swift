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
        if spec.backend?.kind == .slurm {
            // Slurm hands out the GPUs (--gres); the slots bound the jobs queued or running.
            if gpus != nil || !spec.gpus.isEmpty || trialsPerGpu != nil {
                throw InputError("--gpus and --trials-per-gpu are for the local backend; with --backend slurm, "
                                 + "--gpus-per-trial asks Slurm for GPUs and --parallel bounds the jobs at once")
            }
            return try SlotLedger(parallel: spec.parallel)
        }
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
        if allowMissingMetric { options.allowsMissingMetric = true }
        if let maxFailures {
            guard maxFailures >= 1 else { throw InputError("--max-failures \(maxFailures): must be at least 1") }
            options.maximumFailures = maxFailures
        }
        return options
    }
}

extension SweepOptions {
    /// The early-stopping flags over the sweep file's `early_stopping:` (flags win; a rule
    /// named on the command line replaces the file's rule and its options).
    func applyEarlyStopping(to spec: inout SweepSpec) throws {
        let flags: [(String, ParameterValue?)] = [
            ("warmup_steps", warmupSteps.map { .int($0) }), ("min_trials", minTrials.map { .int($0) }),
            ("min_resource", minResource.map { .int($0) }), ("reduction_factor", reductionFactor.map { .int($0) }),
            ("max_resource", maxResource.map { .int($0) }), ("bound", bound.map { .real($0) }),
            ("patience", patience.map { .int($0) }), ("min_delta", minDelta.map { .real($0) }),
        ]
        let given = flags.compactMap { name, value in value.map { (name, $0) } }
        if let earlyStopping {
            guard let rule = EarlyStoppingSpec.Rule(rawValue: earlyStopping) else {
                let names = EarlyStoppingSpec.Rule.allCases.map(\.rawValue)
                let hint = NameSuggestion.closest(to: earlyStopping, among: names).map { "; did you mean \($0)?" } ?? ""
                throw InputError("--early-stopping \"\(earlyStopping)\": choose \(names.joined(separator: ", "))\(hint)")
            }
            spec.earlyStopping = EarlyStoppingSpec(rule: rule, options: [:])
        }
        guard var stopping = spec.earlyStopping else {
            if let first = given.first {
                throw InputError("--\(first.0.replacingOccurrences(of: "_", with: "-")) needs --early-stopping (or early_stopping: in the sweep file)")
            }
            return
        }
        for (name, value) in given { stopping.options[name] = value }
        spec.earlyStopping = stopping
        _ = try Self.rule(for: stopping)
    }

    /// The rule a sweep's early-stopping section names, built and checked.
    static func rule(for stopping: EarlyStoppingSpec) throws -> any EarlyStopping {
        var numbers: [String: Double] = [:]
        for (name, value) in stopping.options {
            guard let x = value.numericValue else { throw InputError("early stopping: \(name) must be a number, got \(value)") }
            numbers[name] = x
        }
        do {
            return try EarlyStoppingRule.make(name: stopping.rule.rawValue, options: numbers)
        } catch {
            throw InputError("--early-stopping \(stopping.rule.rawValue): \(error)")
        }
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
