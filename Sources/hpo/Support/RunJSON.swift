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
    ///      "counts": {every state: n}, "best": trial object or null, "directory",
    ///      "controller": {"pid", "host", "since", "alive"} or null,
    ///      "orphans": [{"trial", "pid", "job"}…], "tags": [tags], "note": text or null}
    ///
    /// `state` is `interrupted` for a run stored `running` whose controller is gone
    /// (`liveness`); `controller` is null for a run that ended, `alive` null when the
    /// controller is on another host; `orphans` are an interrupted run's trials that may
    /// still run. `duration_s` runs from creation to the last change of a run that ended
    /// (for an interrupted one, the last write to its store), or to `now` while running.
    static func run(_ summary: RunSummary, directory: String, now: Date, liveness: RunLiveness?,
                    tags: RunTags = RunTags()) -> JSONOutput {
        let run = liveness?.shown(summary.run) ?? summary.run
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
            ("controller", liveness.map { controller($0.controller) } ?? .null),
            ("orphans", .array((liveness?.orphans ?? []).map { orphan in
                .object([("trial", .int(orphan.trial)), ("pid", .int(orphan.pid)), ("job", .string(orphan.job))])
            })),
            ("tags", .array(tags.tags.map(JSONOutput.string))),
            ("note", .string(tags.note)),
        ])
    }

    /// `{"pid", "host", "since", "alive"}`: who the run's lock file names (nulls when no one),
    /// and whether that process lives (null: on another host, not checked).
    static func controller(_ controller: RunLiveness.Controller) -> JSONOutput {
        let holder: RunLockHolder?, alive: Bool?
        switch controller {
        case .alive(let h): (holder, alive) = (h, true)
        case .gone(let h): (holder, alive) = (h, false)
        case .elsewhere(let h): (holder, alive) = (h, nil)
        }
        return .object([("pid", .int(holder?.pid)), ("host", .string(holder?.host)), ("since", .time(holder?.since)),
                        ("alive", alive.map(JSONOutput.bool) ?? .null)])
    }

    /// One trial:
    ///
    ///     {"trial", "state", "attempt", "parameters": {name: value}, "objective", "steps",
    ///      "created_at", "started_at", "finished_at", "duration_s", "exit_code", "signal",
    ///      "slots": [ids], "explanation", "job"}   (job: the Slurm job id, or null)
    ///
    /// then `"feasible"` when given (`hpo status RUN --json`). Parameter values keep their
    /// type (integer, real, string, boolean) and full precision. `duration_s` is launch to
    /// finish, or launch to `now` while running.
    static func trial(_ trial: TrialRecord, order: [String], now: Date, feasible: JSONOutput? = nil) -> JSONOutput {
        let fields: [(String, JSONOutput)] = [
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
        ]
        return .object(fields + (feasible.map { [("feasible", $0)] } ?? []))
    }

    /// Seconds from creation to the last change of an ended (or interrupted) run, or to
    /// `now` while running.
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
