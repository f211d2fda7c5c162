import Execution
import Foundation

/// The options that say how trials run (not what is searched).
extension SweepOptions {
    /// The run root: `--root`, else `$HPO_ROOT`, else `./runs`.
    var resolvedRoot: String {
        RunLayout.resolveRoot(option: root, environment: ProcessInfo.processInfo.environment,
                              currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// What the slot options ask for beyond the sweep: `--gpus all`, `--gpus-per-trial`,
    /// `--trials-per-gpu`, and `--parallel` as the cap of a GPU run (`--gpus` with ids goes
    /// into the sweep itself).
    func slotRequest() -> SlotRequest {
        SlotRequest(allGPUs: gpus?.trimmingCharacters(in: .whitespaces) == "all", gpusPerTrial: gpusPerTrial,
                    trialsPerGPU: trialsPerGpu, parallel: parallel)
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
                    options.stdoutPattern = try MetricPattern(regex: metricPattern, metric: metric.first.map { SweepMetric.parse($0).metric.name } ?? "objective")
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
    /// named on the command line replaces the file's rule and its options). `Sweep.prepare`
    /// builds and checks the rule, as it does a sweep file's.
    func applyEarlyStopping(to spec: inout SweepSpec) throws {
        let flags: [(String, ParameterValue?)] = [
            ("warmup_steps", warmupSteps.map { .int($0) }), ("min_trials", minTrials.map { .int($0) }),
            ("min_resource", minResource.map { .int($0) }), ("reduction_factor", reductionFactor.map { .int($0) }),
            ("max_resource", maxResource.map { .int($0) }), ("bound", bound.map { .real($0) }),
            ("patience", patience.map { .int($0) }), ("min_delta", minDelta.map { .real($0) }),
        ]
        let given = flags.compactMap { name, value in value.map { (name, $0) } }
        if let earlyStopping {
            guard let rule = EarlyStoppingRule(rawValue: earlyStopping) else {
                let names = EarlyStoppingRule.allCases.map(\.rawValue)
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
