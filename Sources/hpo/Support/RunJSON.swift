import Execution
import Foundation
import Search

/// The documented `--json` shapes of runs and trials (README, "Machine-readable output").
/// Keys are never renamed or removed within a major version; absent values are `null`
/// rather than missing keys, so every object of a kind has the same keys.
enum RunJSON {
    /// One run:
    ///
    ///     {"name", "state", "strategy", "metric", "goal", "seed", "parameters": [names],
    ///      "created_at", "updated_at", "duration_s", "trials", "finished",
    ///      "counts": {every state: n}, "best": trial object or null, "directory"}
    ///
    /// `duration_s` runs from creation to the last change of a run that ended, or to `now`
    /// for a run still running.
    static func run(_ summary: RunSummary, directory: String, now: Date) -> JSONOutput {
        let run = summary.run
        return .object([
            ("name", .string(run.name)),
            ("state", .string(run.state.rawValue)),
            ("strategy", .string(run.strategy)),
            ("metric", .string(run.metric)),
            ("goal", .string(run.goal.rawValue)),
            ("seed", .unsigned(run.seed)),
            ("parameters", .array(run.parameterNames.map(JSONOutput.string))),
            ("created_at", .time(run.createdAt)),
            ("updated_at", .time(run.updatedAt)),
            ("duration_s", .real(runDuration(run, now: now))),
            ("trials", .int(summary.total)),
            ("finished", .int(summary.finished)),
            ("counts", .object(TrialState.allCases.map { ($0.rawValue, .int(summary.counts[$0] ?? 0)) })),
            ("best", summary.best.map { trial($0, order: run.parameterNames, now: now) } ?? .null),
            ("directory", .string(directory)),
        ])
    }

    /// One trial:
    ///
    ///     {"trial", "state", "attempt", "parameters": {name: value}, "objective", "steps",
    ///      "created_at", "started_at", "finished_at", "duration_s", "exit_code", "signal",
    ///      "slots": [ids], "explanation", "job"}   (job: the Slurm job id, or null)
    ///
    /// Parameter values keep their type (integer, real, string, boolean) and full
    /// precision. `duration_s` is launch to finish, or launch to `now` while running.
    static func trial(_ trial: TrialRecord, order: [String], now: Date) -> JSONOutput {
        .object([
            ("trial", .int(trial.number)),
            ("state", .string(trial.state.rawValue)),
            ("attempt", .int(trial.attempt)),
            ("parameters", .parameters(trial.configuration, order: order)),
            ("objective", .real(trial.objective)),
            ("steps", .int(trial.steps)),
            ("created_at", .time(trial.createdAt)),
            ("started_at", .time(trial.startedAt)),
            ("finished_at", .time(trial.finishedAt)),
            ("duration_s", .real(trialDuration(trial, now: now))),
            ("exit_code", .int(trial.exitCode)),
            ("signal", .int(trial.signal)),
            ("slots", .array(trial.slots.map { .int($0) })),
            ("explanation", .string(trial.explanation)),
            ("job", .string(trial.job)),
        ])
    }

    /// Seconds from creation to the last change of an ended run, or to `now` while running.
    static func runDuration(_ run: RunInfo, now: Date) -> Double {
        (run.state == .running ? now : run.updatedAt).timeIntervalSince(run.createdAt)
    }

    /// Seconds from launch to finish, to `now` while it runs, nil before launch.
    static func trialDuration(_ trial: TrialRecord, now: Date) -> Double? {
        guard let started = trial.startedAt else { return nil }
        if let finished = trial.finishedAt { return finished.timeIntervalSince(started) }
        return trial.state == .running ? now.timeIntervalSince(started) : nil
    }
}
