#if canImport(Glibc)
import Glibc
#endif

/// The fields hpo needs from `/proc/<pid>/stat` (proc(5)).
///
/// The second field is the command name in parentheses and may itself contain spaces and
/// parentheses, so the fields are counted from the *last* `)`: after it come field 3
/// (state), 4 (ppid), 5 (pgrp), 6 (session) ... 22 (starttime).
struct ProcStat: Sendable, Hashable {
    /// One letter: R running, S sleeping, D disk wait, Z zombie, T stopped, X dead...
    var state: Character
    var parent: Int32
    var processGroup: Int32
    var session: Int32
    /// Clock ticks after boot.
    var startTime: UInt64

    /// True for a process that has exited but was not reaped yet (or is being torn down).
    var isZombie: Bool { state == "Z" || state == "X" }

    /// Reads the process's stat line; nil when there is no such process.
    static func read(_ pid: Int32) -> ProcStat? {
        let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // A stat line is well under 1 KiB (the command name is at most 16 bytes).
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return parse(buffer[0..<count])
    }

    /// Parses the text of a stat line.
    static func parse(_ line: ArraySlice<UInt8>) -> ProcStat? {
        guard let close = line.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = line[line.index(after: close)...].split(separator: UInt8(ascii: " "))
        // fields[0] is field 3 (state); field k is fields[k - 3].
        guard fields.count >= 20, let stateByte = fields[0].first,
              let parent = Int32(text(fields[1])), let group = Int32(text(fields[2])),
              let session = Int32(text(fields[3])), let start = UInt64(text(fields[19]))
        else { return nil }
        return ProcStat(state: Character(Unicode.Scalar(stateByte)), parent: parent,
                        processGroup: group, session: session, startTime: start)
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
