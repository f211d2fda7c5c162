#if canImport(Glibc)
import Glibc
#endif

/// Finds the processes of one local attempt that left its process group — a daemon started
/// with `setsid`, a worker that made a group of its own — so that a teardown reaches them
/// as it reaches the group.
///
/// Each attempt is spawned with `HPO_ATTEMPT_ID=<random token>` in its environment; every
/// descendant inherits it. A process belongs to the attempt when
/// - its environment (as it was at `exec`, `/proc/<pid>/environ`) holds that token, or
/// - it descends (by parent pid) from the attempt's leader or from such a process,
/// and it is not in hpo's own session (trials lead sessions of their own), not a zombie.
///
/// What escapes: a process that started with an environment without the token (`env -i`,
/// `execve` with a new environment) *and* whose parent chain up to a process of the attempt
/// was broken before the scan (its parent exited: it was re-parented to hpo, the
/// subreaper). A process of another user cannot be seen either (its environ is unreadable).
///
/// Cost: one read of `stat` for each process of the machine and one of `environ` for each
/// outside hpo's session (about 10 µs each): a few milliseconds for a few hundred processes.
/// Scans happen when a trial is signalled and, at most every `rescanInterval`, while a
/// finished trial's leftovers are killed: never on the path of a metric line.
enum AttemptProcesses {
    /// The variable that carries the token.
    static let variable = "HPO_ATTEMPT_ID"
    /// How often a finished attempt's leftovers are looked for again while any remain.
    static let rescanInterval: Duration = .milliseconds(100)

    /// A new token: 128 random bits in hex.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let text = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }

    /// The live processes of the attempt with `token` outside process group `group` (the
    /// group is signalled as a whole), descendants of `leader` included. With `below`, only
    /// descendants of that process are considered: hpo, when it is the child subreaper, since
    /// then every process a trial started stays below it (orphans are re-parented to it) and
    /// only those environments need reading.
    static func outside(group: Int32, token: String, leader: Int32?, below root: Int32?) -> [EscapedProcess] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        let me = getpid()
        let session = getsid(0)
        var stats: [Int32: ProcStat] = [:]
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = Int32(name), pid != me, let stat = ProcStat.read(pid), !stat.isZombie else { continue }
            stats[pid] = stat
        }
        var children: [Int32: [Int32]] = [:]
        for (pid, stat) in stats { children[stat.parent, default: []].append(pid) }
        let candidates = root.map { descendants(of: [$0], children: children) } ?? Set(stats.keys)
        let marker = Array("\(variable)=\(token)".utf8)
        let members = candidates.filter { pid in
            stats[pid].map { $0.session != session } == true
                && TrialProcessScan.environment(of: pid).contains(where: { $0.elementsEqual(marker) })
        }
        // Descendants by parent pid too: what cleared its environment but still hangs below.
        let found = descendants(of: Array(members) + (leader.map { [$0] } ?? []), children: children)
        return found.compactMap { pid in
            guard let stat = stats[pid], stat.session != session, stat.processGroup != group else { return nil }
            return EscapedProcess(pid: pid, startTime: stat.startTime)
        }.sorted { $0.pid < $1.pid }
    }

    /// `roots` and every process below them.
    private static func descendants(of roots: [Int32], children: [Int32: [Int32]]) -> Set<Int32> {
        var found = Set<Int32>()
        var queue = roots
        while let pid = queue.popLast() {
            guard found.insert(pid).inserted else { continue }
            queue += children[pid] ?? []
        }
        return found
    }

    /// Sends `signal` to each process that is still the one found (a pid recycled since the
    /// scan is left alone). Returns how many were signalled.
    @discardableResult
    static func send(_ signal: Int32, to processes: [EscapedProcess]) -> Int {
        processes.filter { $0.isAlive && kill($0.pid, signal) == 0 }.count
    }
}

/// A process of an attempt outside the attempt's process group.
struct EscapedProcess: Hashable, Sendable {
    var pid: Int32
    /// With `pid`, its identity (see `ProcessHandle`).
    var startTime: UInt64

    /// True while this very process runs (not a zombie, not a recycled pid).
    var isAlive: Bool {
        guard let stat = ProcStat.read(pid) else { return false }
        return stat.startTime == startTime && !stat.isZombie
    }
}
