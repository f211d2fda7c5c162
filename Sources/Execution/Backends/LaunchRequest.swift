/// Everything a backend needs to start one trial process. No shell is involved anywhere:
/// `arguments` reaches the program as its argv, one element per argument, byte for byte.
public struct LaunchRequest: Sendable, Hashable, Codable {
    /// The argv: `arguments[0]` is the program (a name looked up in `PATH`, or a path with a
    /// `/`, relative to `workingDirectory`), the rest are its arguments.
    public var arguments: [String]
    /// The complete environment of the trial, nothing added and nothing inherited: the
    /// controller builds it (inherited variables, then `HPO_*`, then `CUDA_VISIBLE_DEVICES`).
    /// Its `PATH` (or `/bin:/usr/bin` when absent, as `execvp` does) resolves `arguments[0]`.
    public var environment: [String: String]
    /// The directory the trial starts in; it must exist.
    public var workingDirectory: String
    /// The file that receives the trial's standard output, appended to and created if needed.
    public var standardOutputPath: String
    /// The file that receives the trial's standard error; it may equal `standardOutputPath`.
    public var standardErrorPath: String
    /// The trial's processes: one, or several ranks (`RankLauncher`).
    public var ranks: RankLayout = .single
    /// Files and directories the trial was given but may leave unused (its logs, its
    /// artifacts and checkpoint directories): once every process of the attempt is gone, the
    /// local backend removes each that is empty — an empty regular file, an empty directory,
    /// never a link — so that a trial costs on disk only what it wrote (inode quotas).
    public var removedWhenEmpty: [String] = []

    /// A request; standard input is always `/dev/null`.
    public init(
        arguments: [String],
        environment: [String: String],
        workingDirectory: String,
        standardOutputPath: String,
        standardErrorPath: String
    ) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardOutputPath = standardOutputPath
        self.standardErrorPath = standardErrorPath
    }
}
