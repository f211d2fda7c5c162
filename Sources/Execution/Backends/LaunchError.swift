/// Why a trial could not be started. The controller records the trial as failed with this
/// message (the trial's fault: a typo in the command), not as an hpo error.
public enum LaunchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The argv is empty.
    case emptyCommand
    /// An argument, a variable name or value contains a NUL byte, or a name contains `=`:
    /// the operating system cannot pass it.
    case unrepresentable(what: String)
    /// No executable file of this name in `PATH`, or no file at this path.
    case commandNotFound(String)
    /// The file exists but this user may not execute it.
    case permissionDenied(path: String)
    /// The kernel refused the file's format: neither a binary nor a script with a `#!` line.
    case notExecutable(path: String)
    /// The file is a script whose `#!` interpreter does not exist.
    case interpreterNotFound(path: String, interpreter: String)
    /// The working directory does not exist or is not a directory.
    case workingDirectoryUnavailable(path: String, reason: String)
    /// The standard output or error file could not be opened.
    case outputUnavailable(path: String, reason: String)
    /// `posix_spawn` or another system call failed for a reason outside the trial's control.
    case system(call: String, errno: Int32)
    /// A program the rank launcher needs (`mpirun` for `--launcher mpi`, `awk` for the
    /// local rank script) is not in the trials' `PATH`: no trial of the run can start.
    case launcherUnavailable(launcher: String, program: String, searchPath: String)
    /// The batch scheduler refused or could not take the job (`sbatch` failed): a wrong
    /// partition or account, the controller down. Not the trial's fault.
    case schedulerRefused(command: String, message: String)

    public var description: String {
        switch self {
        case .emptyCommand:
            "the trial command is empty"
        case .unrepresentable(let what):
            "\(what) contains a NUL byte (or a variable name contains '='), which a process cannot receive"
        case .commandNotFound(let name):
            "command not found: \(name)"
        case .permissionDenied(let path):
            "permission denied: \(path) is not executable (chmod +x?)"
        case .notExecutable(let path):
            "cannot execute \(path): not a binary and no '#!' line"
        case .interpreterNotFound(let path, let interpreter):
            "cannot execute \(path): its interpreter \(interpreter) (from the '#!' line) does not exist"
        case .workingDirectoryUnavailable(let path, let reason):
            "working directory \(path): \(reason)"
        case .outputUnavailable(let path, let reason):
            "cannot open \(path) for the trial's output: \(reason)"
        case .system(let call, let code):
            "\(call) failed: \(SystemError.message(code)) (errno \(code))"
        case .launcherUnavailable(let launcher, let program, let searchPath):
            "--launcher \(launcher) needs \(program), which is not in the trials' PATH (\(searchPath))"
                + (program == "mpirun" ? ": install an MPI (Open MPI, MPICH) or use --launcher torchrun" : "")
        case .schedulerRefused(let command, let message):
            "\(command) failed: \(message)"
        }
    }
}
