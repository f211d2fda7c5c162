#if canImport(Glibc)
import Glibc
#endif

/// The system calls of `MetricsTailer` whose limits a wide sweep can exhaust: an inotify
/// instance (`fs.inotify.max_user_instances`), a watch (`fs.inotify.max_user_watches`) and a
/// descriptor to read a file with (`RLIMIT_NOFILE`). Tests replace them to exhaust each
/// limit on purpose; a failure sets `errno` as the real call does.
struct TailerSystem {
    /// `inotify_init1(IN_NONBLOCK | IN_CLOEXEC)`.
    var initialize: () -> Int32
    /// `inotify_add_watch(fd, path, mask)`.
    var addWatch: (Int32, String, UInt32) -> Int32
    /// `TrialFile.open(path)`.
    var open: (String) -> TrialFile.Outcome

    /// The real calls.
    static var live: TailerSystem {
        TailerSystem(initialize: { inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) },
                     addWatch: { inotify_add_watch($0, $1, $2) },
                     open: { TrialFile.open($0) })
    }

    /// `errno` for the person at the terminal, with the limit to raise where one is spent.
    static func explain(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        switch code {
        case EMFILE: return "\(text): fs.inotify.max_user_instances or ulimit -n is spent"
        case ENOSPC: return "\(text): fs.inotify.max_user_watches is spent"
        default: return text
        }
    }
}
