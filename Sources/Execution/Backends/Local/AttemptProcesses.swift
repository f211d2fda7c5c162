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
/// Cost: where the kernel lists children, reads of `stat` and of the children lists of hpo's
/// descendants only, and of `environ` only for those outside every live trial's session:
/// tens of microseconds when nothing escaped. Otherwise one `stat` for each process of the
/// machine (a few milliseconds for a few hundred). Scans happen when a trial is signalled,
/// when it ends and, at most every `rescanInterval`, while its leftovers are killed: never
/// on the path of a metric line.
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
    /// group, which is also the attempt's session, is signalled as a whole), descendants of
    /// `leader` included.
    ///
    /// With `below` (hpo, when it is the child subreaper: then every process a trial started
    /// stays below it, since orphans are re-parented to it) only that subtree is read, through
    /// `/proc/<pid>/task/<tid>/children`, where the kernel has it; else every process. A
    /// process in the session of another live attempt (`otherSessions`) is that attempt's and
    /// is not read further (no process can join another session); one in this attempt's
    /// session is this attempt's; only the others' environments are read.
    static func outside(group: Int32, token: String, leader: Int32?, below root: Int32?,
                        otherSessions: Set<Int32>) -> [EscapedProcess] {
        let session = getsid(0)
        let stats = root.flatMap { subtree(of: $0, skipping: otherSessions) } ?? everyProcess()
        var children: [Int32: [Int32]] = [:]
        for (pid, stat) in stats { children[stat.parent, default: []].append(pid) }
        let marker = Array("\(variable)=\(token)".utf8)
        let members = stats.filter { pid, stat in
            if stat.session == session || otherSessions.contains(stat.session) { return false }
            if stat.session == group { return true }
            return TrialProcessScan.environment(of: pid).contains(where: { $0.elementsEqual(marker) })
        }.keys
        // Descendants by parent pid too: what cleared its environment but still hangs below.
        let found = descendants(of: Array(members) + (leader.map { [$0] } ?? []), children: children)
        return found.compactMap { pid in
            guard let stat = stats[pid], stat.session != session, stat.processGroup != group,
                  !otherSessions.contains(stat.session) else { return nil }
            return EscapedProcess(pid: pid, startTime: stat.startTime)
        }.sorted { $0.pid < $1.pid }
    }

    /// Every live process but this one, from a scan of `/proc`.
    private static func everyProcess() -> [Int32: ProcStat] {
        let me = getpid()
        var stats: [Int32: ProcStat] = [:]
        for pid in numericEntries(of: "/proc") where pid != me {
            if let stat = ProcStat.read(pid), !stat.isZombie { stats[pid] = stat }
        }
        return stats
    }

    /// The live processes below `root` (not `root` itself), walked through the kernel's
    /// children lists; nil when the kernel has none (no CONFIG_PROC_CHILDREN).
    ///
    /// The leaders of other live attempts (`skipping`: a local trial's session id is its
    /// leader's pid) are neither read nor walked: what hangs below one is that attempt's
    /// (a process is re-parented only to an ancestor), and reading them made each trial's end
    /// cost a `stat` and a children list for every process of every running trial — the most
    /// of hpo's CPU at `--parallel 1000` (README, "Width").
    static func subtree(of root: Int32, skipping: Set<Int32> = []) -> [Int32: ProcStat]? {
        guard let first = children(of: root) else { return nil }
        var stats: [Int32: ProcStat] = [:]
        var queue = first
        while let pid = queue.popLast() {
            guard stats[pid] == nil, !skipping.contains(pid), let stat = ProcStat.read(pid) else { continue }
            if stat.isZombie { continue }  // a zombie has no children left
            stats[pid] = stat
            queue += children(of: pid) ?? []
        }
        return stats
    }

    /// The children of every thread of `pid` (`/proc/<pid>/task/<tid>/children`); nil when
    /// the kernel does not offer the list.
    private static func children(of pid: Int32) -> [Int32]? {
        var all: [Int32] = []
        for tid in numericEntries(of: "/proc/\(pid)/task") {
            guard let bytes = TrialProcessScan.contents(of: "/proc/\(pid)/task/\(tid)/children") else {
                if errno == ENOENT && access("/proc/\(pid)/task/\(tid)", F_OK) == 0 { return nil }
                continue  // the thread is gone
            }
            // Parsed in place: hpo's own list names every running trial's leader.
            var number: Int32 = 0
            var digits = false
            for byte in bytes {
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    number = number &* 10 &+ Int32(byte - UInt8(ascii: "0"))
                    digits = true
                } else {
                    if digits { all.append(number) }
                    number = 0
                    digits = false
                }
            }
            if digits { all.append(number) }
        }
        return all
    }

    /// The entries of a directory whose names are numbers (pids, tids).
    private static func numericEntries(of path: String) -> [Int32] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var numbers: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if let number = Int32(name) { numbers.append(number) }
        }
        return numbers
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
