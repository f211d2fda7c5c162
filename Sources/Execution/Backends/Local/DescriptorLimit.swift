#if canImport(Glibc)
import Glibc

/// `RLIMIT_NOFILE`, which Glibc imports as an enum case.
private let openFilesResource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
#endif

/// The limit on this process's open file descriptors (`RLIMIT_NOFILE`), raised as far as an
/// unprivileged process may.
///
/// A running local trial costs hpo a pidfd and its open metrics file (and its `stdout.log`
/// with a metric pattern), so `--parallel 1000` needs some 2,000–3,000 descriptors, where a
/// login shell's soft limit is often 1,024. The hard limit is usually far higher (524,288 with
/// systemd), and any process may raise its soft limit up to it: hpo does so once at its start
/// (the soft limit is what protects a program that leaks; hpo's descriptors are bounded by the
/// trials it runs). Trials inherit the raised soft limit, as they would from a shell that ran
/// `ulimit -n unlimited`.
public enum DescriptorLimit {
    /// No soft limit is raised past this (Linux's default `fs.nr_open`), which also bounds an
    /// unlimited hard limit, where asking for `RLIM_INFINITY` would fail.
    public static let ceiling: UInt64 = 1 << 20

    /// The soft limit to set given the current `soft` and `hard` limits: the hard limit, at
    /// most `ceiling`; nil when the soft limit is already there or above it.
    public static func raisedSoftLimit(soft: UInt64, hard: UInt64, ceiling: UInt64 = ceiling) -> UInt64? {
        let target = min(hard, ceiling)
        return soft < target ? target : nil
    }

    /// The soft and hard limits now.
    public static func current() -> (soft: UInt64, hard: UInt64) {
        var limit = rlimit()
        guard getrlimit(openFilesResource, &limit) == 0 else { return (0, 0) }
        return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
    }

    /// Raises the soft limit to `raisedSoftLimit(soft:hard:)`. Returns the soft limit in force
    /// afterwards; a refusal (a hard limit lowered meanwhile) leaves the limit as it was, and
    /// the trials past it fall back as `LocalBackend` and `MetricsTailer` describe.
    @discardableResult
    public static func raise() -> UInt64 {
        var limit = rlimit()
        guard getrlimit(openFilesResource, &limit) == 0 else { return 0 }
        guard let target = raisedSoftLimit(soft: UInt64(limit.rlim_cur), hard: UInt64(limit.rlim_max)) else {
            return UInt64(limit.rlim_cur)
        }
        var raised = limit
        raised.rlim_cur = rlim_t(target)
        return setrlimit(openFilesResource, &raised) == 0 ? target : UInt64(limit.rlim_cur)
    }
}
