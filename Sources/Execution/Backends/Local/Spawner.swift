import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// One call to `posix_spawn`, with everything a trial process must (not) inherit.
///
/// Why not Foundation.Process or swift-subprocess (facts from the feasibility study):
/// - Foundation.Process decides that a child has exited when an inherited socket reaches
///   EOF, so it waits for every grandchild that still holds that socket: a trial that
///   leaves a daemon behind looks "running" forever (measured: `sh -c 'sleep 2 & exit 0'`
///   "ends" after 2 s). It also reaps on its own threads, which would race our `waitpid`.
/// - swift-subprocess ties a process's lifetime to an async closure scope. The controller
///   must instead record a pid before/at spawn, survive its own crash, and later reattach
///   to or tear down a process group by pid (`hpo resume`); a scope-owned child fits none
///   of that. It is also slower (about 1,100 spawns/s against 1,500–2,000 for posix_spawn
///   with two workers on this machine).
///
/// What the child gets:
/// - a new session (`POSIX_SPAWN_SETSID`), so also a new process group whose id is its pid.
///   A session rather than only a group: the trial has no controlling terminal, so it
///   cannot be stopped by SIGTTIN/SIGTTOU for touching the terminal from a background
///   group, keyboard signals and terminal hangups reach hpo only (which then tears trials
///   down with a grace period), and hpo's own session never contains trial processes —
///   the rule `reapOrphans` uses to recognise them;
/// - every signal disposition reset to default and an empty signal mask, so it does not
///   inherit what hpo ignores or blocks;
/// - standard input from `/dev/null`, output and error to the given descriptors, and no
///   other descriptor (`closefrom(3)` on top of CLOEXEC everywhere on our side);
/// - exactly the environment given, and the working directory given.
enum Spawner {
    /// Starts `executable` (an absolute path) and returns its pid.
    static func spawn(
        executable: String,
        arguments: [String],
        environment: [String],
        workingDirectory: String?,
        standardOutput: Int32,
        standardError: Int32
    ) throws(LaunchError) -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        let flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | Int32(hpo_posix_spawn_setsid_flag())
        posix_spawnattr_setflags(&attributes, Int16(flags))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, standardOutput, 1)
        posix_spawn_file_actions_adddup2(&actions, standardError, 2)
        if let workingDirectory {
            let rc = hpo_posix_spawn_file_actions_addchdir(&actions, workingDirectory)
            if rc != 0 { throw .system(call: "posix_spawn_file_actions_addchdir_np", errno: rc) }
        }
        hpo_posix_spawn_file_actions_addclosefrom(&actions, 3)

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }

        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        switch rc {
        case 0: return pid
        case ENOENT:
            // The file was there a moment ago; most likely its #! interpreter is missing.
            if let interpreter = shebangInterpreter(executable) {
                throw .interpreterNotFound(path: executable, interpreter: interpreter)
            }
            throw .commandNotFound(executable)
        case EACCES: throw .permissionDenied(path: executable)
        case ENOEXEC: throw .notExecutable(path: executable)
        default: throw .system(call: "posix_spawn", errno: rc)
        }
    }

    /// The interpreter named on a script's `#!` line, if the file starts with one.
    static func shebangInterpreter(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 2, buffer[0] == UInt8(ascii: "#"), buffer[1] == UInt8(ascii: "!") else { return nil }
        let line = buffer[2..<count].prefix { $0 != UInt8(ascii: "\n") }
        let word = line.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }).first
        return word.map { String(decoding: $0, as: UTF8.self) }
    }
}
