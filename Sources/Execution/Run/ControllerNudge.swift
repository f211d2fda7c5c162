import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `hpo cancel`'s nudge: after storing a request, it sends SIGUSR1 to the run's controller,
/// which then reads the request at once instead of at its next check (every 200 ms).
///
/// Only to a controller on this host that is alive (the lock's pid, with its start time:
/// never a recycled pid) and that catches SIGUSR1 (`SigCgt` in `/proc/<pid>/status`): an
/// older hpo that does not would be killed by it, so it is left to its periodic check.
public enum ControllerNudge {
    /// Sends the nudge to the controller of the run in `directory`; true when it was sent.
    @discardableResult
    public static func send(directory: String) -> Bool {
        guard case .alive(let holder) = RunLiveness.controller(directory: directory),
              let status = try? String(contentsOfFile: "/proc/\(holder.pid)/status", encoding: .utf8),
              catches(SIGUSR1, status: status) else { return false }
        return kill(holder.pid, SIGUSR1) == 0
    }

    /// Whether the `/proc/<pid>/status` text says the process catches `signal`: bit
    /// `signal − 1` of the hexadecimal `SigCgt:` mask.
    static func catches(_ signal: Int32, status: String) -> Bool {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
              let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return false }
        return mask & (1 << UInt64(signal - 1)) != 0
    }
}
