#if canImport(Glibc)
import Glibc
#endif

/// A live process that belongs to a trial of a run, found in `/proc` by its environment.
public struct TrialProcess: Hashable, Sendable, CustomStringConvertible {
    /// The trial it belongs to (`HPO_TRIAL`).
    public var trial: Int
    /// Its process id.
    public var pid: Int32
    /// Its process group (the trial's group, or its own after `setsid`).
    public var processGroup: Int32
    /// Its start time in clock ticks after boot: with `pid`, its identity.
    public var startTime: UInt64

    /// `pid 4242 (trial 3)`.
    public var description: String { "pid \(pid) (trial \(trial))" }

    /// True while this very process runs (not a zombie, not a recycled pid).
    var isAlive: Bool {
        guard let stat = ProcStat.read(pid) else { return false }
        return stat.startTime == startTime && !stat.isZombie
    }
}

/// Finds the processes of a run's trials — every descendant of a trial inherits its
/// environment — for `hpo resume`, which must stop an earlier controller's attempts before it
/// starts their next ones, including an attempt spawned just before hpo died and never
/// recorded with its pid.
///
/// A process belongs to trial n of the run in `layout` when its environment (as it was at
/// `exec`, `/proc/<pid>/environ`) holds `HPO_RUN=<run>`, `HPO_TRIAL=<n>` and
/// `HPO_CHECKPOINT_DIR=<that trial's checkpoint directory>` — the last one tells apart runs
/// of the same name under different roots. Processes in the caller's session are never
/// taken (trials always lead sessions of their own), nor zombies, nor processes whose
/// environment this user may not read. A process that rewrote its environment before
/// exec'ing its children escapes the scan; the recorded process group still catches those
/// that stayed in it.
///
/// Cost: one `open`+`read` of `stat` and of `environ` for each process of the machine
/// (about 10 µs each; a few milliseconds for a few hundred processes).
enum TrialProcessScan {
    /// The live processes of the run's trials whose numbers `trials` accepts.
    static func find(in layout: RunLayout, trials: (Int) -> Bool = { _ in true }) -> [TrialProcess] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        let me = getpid()
        let session = getsid(0)
        let runMarker = Array("HPO_RUN=\(layout.name)".utf8)
        var found: [TrialProcess] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = Int32(name), pid != me, let stat = ProcStat.read(pid), !stat.isZombie,
                  stat.session != session else { continue }
            let variables = environment(of: pid)
            guard variables.contains(where: { $0.elementsEqual(runMarker) }),
                  let trial = value(of: "HPO_TRIAL", in: variables).flatMap({ Int($0) }), trials(trial),
                  value(of: "HPO_CHECKPOINT_DIR", in: variables) == layout.trial(trial).checkpoints
            else { continue }
            found.append(TrialProcess(trial: trial, pid: pid, processGroup: stat.processGroup, startTime: stat.startTime))
        }
        return found.sorted { ($0.trial, $0.pid) < ($1.trial, $1.pid) }
    }

    /// The `NAME=value` entries of a process's initial environment; empty when unreadable.
    static func environment(of pid: Int32) -> [ArraySlice<UInt8>] {
        (contents(of: "/proc/\(pid)/environ") ?? []).split(separator: 0)
    }

    /// A whole `/proc` file (whose reported size is 0, so read until end of file); nil when
    /// it cannot be opened (`errno` says why).
    static func contents(of path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }

    /// The value of `name` among `NAME=value` entries.
    static func value(of name: String, in variables: [ArraySlice<UInt8>]) -> String? {
        let prefix = Array((name + "=").utf8)
        for entry in variables where entry.starts(with: prefix) {
            return String(decoding: entry.dropFirst(prefix.count), as: UTF8.self)
        }
        return nil
    }
}
