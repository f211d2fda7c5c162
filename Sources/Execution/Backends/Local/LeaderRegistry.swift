import Synchronization

/// The pids of every trial leader started by any `LocalBackend` in this process and not
/// reaped yet.
///
/// Children are a process-wide resource (the kernel keeps one child list per process), so
/// this is the one piece of process-wide state in the backend: `reapOrphans` consults it so
/// that it never reaps another backend's trial leader, and `launch` registers a new leader
/// under the same lock as the spawn, so no orphan reaper can see the child unregistered.
enum LeaderRegistry {
    private static let leaders = Mutex<Set<Int32>>([])

    /// Runs `body` (a spawn) and registers the pid it returns, atomically with respect to
    /// `withLeaders`.
    static func register<Failure: Error>(_ body: () throws(Failure) -> Int32) throws(Failure) -> Int32 {
        let result: Result<Int32, Failure> = leaders.withLock { set in
            do throws(Failure) {
                let pid = try body()
                set.insert(pid)
                return .success(pid)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Forgets a leader once it has been reaped.
    static func unregister(_ pid: Int32) {
        _ = leaders.withLock { $0.remove(pid) }
    }

    /// Runs `body` with the current set of leaders, holding the lock (reaping inside `body`
    /// cannot race a spawn).
    static func withLeaders<T>(_ body: (Set<Int32>) -> T) -> T {
        leaders.withLock { body($0) }
    }
}
