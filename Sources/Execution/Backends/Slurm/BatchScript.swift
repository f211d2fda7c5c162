/// The batch script of one trial's Slurm job, and the `sbatch` arguments that submit it.
///
/// Resources, output files and the working directory go to `sbatch` as arguments (an argv:
/// no quoting concerns); the script also `cd`s into the working directory — the trial's own
/// copy of the workspace — and fails when it cannot, where Slurm alone would fall back to
/// `/tmp`. The script exports the trial's `HPO_*` variables and whatever else
/// the trial's environment changes from hpo's own (which `sbatch` passes on), then runs the
/// command — every word single-quoted by `ShellQuoting`, so no value is ever read by the
/// shell — and keeps running until the command has ended even when signals arrive, so that
/// it can write the exit status to `exitStatusPath` for the day Slurm has forgotten the job.
/// It then exits the way the command did (by the same signal, if one killed it).
///
/// Several ranks run through `srun` inside the allocation, each with torchrun's variables
/// (`RankLauncher.slurmTaskScript`); `MASTER_ADDR` is the allocation's first node and
/// `MASTER_PORT` a port free on it.
public struct BatchScript: Sendable, Hashable {
    /// The script's text.
    public var text: String
    /// The `sbatch` arguments, the script's path last.
    public var sbatchArguments: [String]

    /// The script and arguments for `request`.
    ///
    /// - Parameters:
    ///   - jobName: `--job-name` (`hpo.<run>.<trial>`).
    ///   - scriptPath: where the script is written.
    ///   - exitStatusPath: where the script writes the command's exit status.
    ///   - inherited: the environment `sbatch` runs with (and passes on); variables of the
    ///     request equal to these are not repeated in the script.
    public init(_ request: LaunchRequest, options: SlurmOptions, jobName: String, scriptPath: String,
                exitStatusPath: String, inherited: [String: String]) {
        let ranks = request.ranks
        sbatchArguments = ["--job-name=\(jobName)", "--output=\(request.standardOutputPath)",
                           "--error=\(request.standardErrorPath)", "--open-mode=append",
                           "--chdir=\(request.workingDirectory)", "--nodes=\(ranks.nodes)",
                           "--ntasks-per-node=\(ranks.ranksPerNode)"]
            + options.sbatchArguments + [scriptPath]

        let startStamp = ShellQuoting.quote(SlurmJob.startStampPath(besideExitStatus: exitStatusPath))
        var lines = ["#!/bin/bash",
                     "# Written by hpo for \(jobName); submitted as:",
                     "#   sbatch --parsable " + ShellQuoting.join(sbatchArguments),
                     "",
                     "# When the job started (hpo records that start, not its next look at Slurm).",
                     "date +%s.%N > \(startStamp) 2>/dev/null || :",
                     "",
                     "# The trial's environment (what differs from the submitting hpo's, which sbatch passes on)."]
        // Slurm sets CUDA_VISIBLE_DEVICES from the job's gres; hpo's own value means nothing there.
        for (name, value) in request.environment.sorted(by: { $0.key < $1.key })
        where inherited[name] != value && name != "CUDA_VISIBLE_DEVICES" && BatchScript.isShellName(name)
            && !SlurmBackend.isSchedulerVariable(name) {
            lines.append("export \(name)=\(ShellQuoting.quote(value))")
        }
        let directory = ShellQuoting.quote(request.workingDirectory)
        lines += ["",
                  "# The trial's own directory (its copy of the workspace). sbatch --chdir already went there, but",
                  "# where it cannot, Slurm runs the job in /tmp with no more than a log line: fail loudly instead.",
                  "cd -- \(directory) || { printf 'hpo: cannot enter the trial directory %s on %s\\n' \(directory) "
                      + "\"$(hostname)\" >&2; exit 1; }",
                  ""]
        var command = request.arguments
        if ranks.isDistributed {
            lines += ["# Rank 0's host and a port free there (the first one up from a job-dependent start).",
                      "export MASTER_ADDR=\"$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)\"",
                      "hpo_port=$((20000 + SLURM_JOB_ID % 20000))",
                      "while (exec 3<>\"/dev/tcp/$MASTER_ADDR/$hpo_port\") 2>/dev/null; do hpo_port=$((hpo_port + 1)); done",
                      "export MASTER_PORT=\"$hpo_port\" WORLD_SIZE=\"$SLURM_NTASKS\"",
                      ""]
            var srun = ["srun", "--kill-on-bad-exit=1"]
            if ranks.launcher == .mpi { srun.append("--mpi=\(ranks.mpiPlugin)") }
            command = srun + ["/bin/bash", "-c", RankLauncher.slurmTaskScript, "hpo-rank"] + command
        }
        lines += ["# The command, kept waited for through signals (scancel --full sends them to it too).",
                  "trap : TERM INT USR1 USR2",
                  ShellQuoting.join(command) + " </dev/null &",
                  "hpo_child=$!",
                  "while :; do wait \"$hpo_child\"; hpo_status=$?; kill -0 \"$hpo_child\" 2>/dev/null || break; done",
                  "# The exit status, and when the command ended (hpo records that end, not its next look at Slurm).",
                  "printf '%s %s\\n' \"$hpo_status\" \"$(date +%s.%N)\" > \(ShellQuoting.quote(exitStatusPath + ".tmp")) "
                      + "&& mv \(ShellQuoting.quote(exitStatusPath + ".tmp")) \(ShellQuoting.quote(exitStatusPath))",
                  "trap - TERM INT USR1 USR2",
                  "# Killed by a signal: end the same way, so that Slurm records the signal.",
                  "if [ \"$hpo_status\" -gt 128 ] && [ \"$hpo_status\" -lt 160 ]; then kill -s $((hpo_status - 128)) $$; fi",
                  "exit \"$hpo_status\"",
                  ""]
        text = lines.joined(separator: "\n")
    }

    /// True for a name a shell can export (`[A-Za-z_][A-Za-z0-9_]*`); others (rare, but an
    /// environment may hold them) cannot pass through a script and are left out.
    static func isShellName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
