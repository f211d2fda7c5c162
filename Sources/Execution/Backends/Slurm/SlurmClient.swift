/// The Slurm commands the backend needs: the seam where tests put a scripted scheduler and
/// the real one runs `sbatch`, `squeue` and `scancel`.
public protocol SlurmClient: AnyObject {
    /// Submits a batch script with these `sbatch` arguments (the script's path last) and
    /// returns the job id. Blocking, bounded in time.
    func submit(_ arguments: [String]) throws(LaunchError) -> String

    /// The status of each of `ids` that Slurm still knows, in one call. Ids it has forgotten
    /// are absent. Throws when Slurm could not be asked (the controller unreachable).
    func statuses(of ids: [String]) throws(SlurmQueryError) -> [String: SlurmJobStatus]

    /// `scancel`: with `signal`, sends it to every process of the job (`--full`) and leaves
    /// the job to end by itself; without, cancels the job (SIGTERM, then SIGKILL after
    /// Slurm's KillWait).
    func cancel(_ id: String, signal: String?)
}

/// Slurm could not be asked about jobs (`squeue` failed or timed out).
public struct SlurmQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for the person at the terminal.
    public var message: String

    /// An error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// The real commands, from `PATH`.
public final class SlurmCommands: SlurmClient {
    /// The environment the commands run with (their `PATH`; `sbatch` passes it on to jobs).
    let environment: [String: String]

    /// Commands run with `environment`.
    public init(environment: [String: String]) {
        self.environment = environment
    }

    public func submit(_ arguments: [String]) throws(LaunchError) -> String {
        let argv = ["sbatch", "--parsable"] + arguments
        let (termination, output) = try CapturedCommand.run(argv, environment: environment, timeout: .seconds(60),
                                                            includingErrors: true)
        let text = output.trimmingCharacters(in: .whitespacesAndNewlines)
        // --parsable prints "id" or "id;cluster".
        guard termination == .exited(0), let id = text.split(separator: "\n").last?.split(separator: ";").first,
              id.allSatisfy(\.isNumber) else {
            throw .schedulerRefused(command: "sbatch", message: text.isEmpty ? "\(termination)" : text)
        }
        return String(id)
    }

    public func statuses(of ids: [String]) throws(SlurmQueryError) -> [String: SlurmJobStatus] {
        guard !ids.isEmpty else { return [:] }
        let argv = ["squeue", "--states=all", "--noheader", "--Format=JobID:|,State:|,exit_code:|,Reason:",
                    "--jobs=" + ids.joined(separator: ",")]
        let result: (termination: Termination, output: String)
        do {
            result = try CapturedCommand.run(argv, environment: environment, timeout: .seconds(30), includingErrors: true)
        } catch {
            throw SlurmQueryError("squeue could not run: \(error)")
        }
        if result.termination != .exited(0) {
            // squeue refuses a list whose every id is unknown: then none is known.
            if result.output.contains("Invalid job id specified") { return [:] }
            throw SlurmQueryError("squeue failed (\(result.termination)): "
                                  + result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return SlurmJobStatus.parse(squeueOutput: result.output)
    }

    public func cancel(_ id: String, signal: String?) {
        var argv = ["scancel"]
        if let signal { argv += ["--signal=\(signal)", "--full"] }
        _ = try? CapturedCommand.run(argv + [id], environment: environment, timeout: .seconds(30))
    }
}
