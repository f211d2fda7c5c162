#if canImport(Glibc)
import Glibc
#endif

/// Follows the files running trials append to (metrics.jsonl, stdout.log) and hands out their
/// new complete lines.
///
/// One inotify instance watches the *directories* of the followed files (so a file created
/// after the watch, or replaced by a rename, is still seen) for IN_MODIFY, IN_CREATE,
/// IN_CLOSE_WRITE and IN_MOVED_TO. The controller puts `fileDescriptor` in its `poll(2)` set
/// and calls `drain()` when it is readable. Events coalesce, so `drain()` always reads each
/// changed file from its saved offset to end of file with `pread`, keeping a trailing partial
/// line for later. An event queue overflow (IN_Q_OVERFLOW) triggers a full rescan.
///
/// Files fall back to polling — the controller calls `drain()` every `pollingInterval`
/// seconds — when inotify is unavailable (no instance left: `max_user_instances`; no watch
/// left: `max_user_watches`) or the directory is on a network or cluster file system (NFS,
/// Lustre, GPFS…), where writes made on other nodes produce no events. A fallback forced by
/// an exhausted limit is said once, as a warning of the first file it concerns (later files
/// try inotify again: watches come back as trials end). A file that cannot be opened for
/// want of a descriptor (EMFILE, ENFILE) is retried every `pollInterval` and counts as not
/// caught up meanwhile, so no trial is judged without its last lines.
///
/// Single-threaded: owned by the controller loop. Not `Sendable`.
public final class MetricsTailer<Key: Hashable & Sendable> {
    /// How files are followed.
    public enum Mode: Sendable {
        /// inotify where it works, polling where it cannot (the default).
        case automatic
        /// inotify only: adding a file that cannot be watched throws.
        case inotify
        /// Polling only (tests, or file systems inotify misreports).
        case polling
    }

    /// The mode asked for.
    public let mode: Mode
    /// Seconds between drains while some file is polled.
    public let pollInterval: Double
    /// The most bytes read from one file in one drain; the rest waits (`hasBacklog`) for the
    /// next drains, so a trial writing a flood cannot hold the controller: the limit bounds
    /// one turn of its loop, never what is read in the end.
    public let maximumBytesPerDrain: Int
    /// The longest line kept.
    public let maximumLineBytes: Int

    let inotifyFD: Int32
    var files: [Key: TailedFile<Key>] = [:]
    /// Keys in the order they were added: drains report in this order.
    var order: [Key] = []
    /// Watched directory → its watch descriptor and the names followed in it.
    var directories: [String: (wd: Int32, names: [String: Key])] = [:]
    var directoryOfWatch: [Int32: String] = [:]
    var backlog: Set<Key> = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    var eventBuffer = [UInt8](repeating: 0, count: 65536)
    /// Overflows seen (for tests and diagnostics).
    public internal(set) var overflowCount = 0
    /// Network file system or not, by device id (`st_dev`).
    private var networkByDevice: [UInt64: Bool] = [:]
    /// The calls into inotify and `open`, replaced by tests to exhaust their limits.
    let system: TailerSystem
    /// Why inotify could not be had at all, until that is said.
    var unavailable: String?
    /// A fallback to polling was said already: it is said once per tailer.
    var fallbackSaid = false

    /// Creates a tailer. With `.inotify`, throws when no inotify instance can be had.
    public convenience init(mode: Mode = .automatic, pollInterval: Double = 0.5,
                maximumBytesPerDrain: Int = 4 << 20,
                maximumLineBytes: Int = LineSplitter.defaultMaximumLineBytes) throws(TailerError) {
        try self.init(mode: mode, pollInterval: pollInterval, maximumBytesPerDrain: maximumBytesPerDrain,
                      maximumLineBytes: maximumLineBytes, system: .live)
    }

    init(mode: Mode = .automatic, pollInterval: Double = 0.5, maximumBytesPerDrain: Int = 4 << 20,
         maximumLineBytes: Int = LineSplitter.defaultMaximumLineBytes, system: TailerSystem) throws(TailerError) {
        self.system = system
        self.mode = mode
        self.pollInterval = pollInterval
        self.maximumBytesPerDrain = maximumBytesPerDrain
        self.maximumLineBytes = maximumLineBytes
        if mode == .polling {
            inotifyFD = -1
        } else {
            let fd = system.initialize()
            if fd < 0 {
                let reason = TailerSystem.explain(errno)
                if mode == .inotify { throw TailerError.inotifyUnavailable(reason: reason) }
                unavailable = "no inotify instance for hpo (\(reason))"
            }
            inotifyFD = fd
        }
    }

    deinit { if inotifyFD >= 0 { close(inotifyFD) } }

    /// The inotify descriptor to `poll(2)` for POLLIN; nil when only polling is possible.
    public var fileDescriptor: Int32? { inotifyFD >= 0 ? inotifyFD : nil }

    /// How long the controller may wait before the next `drain()`: 0 when some file has a
    /// backlog, `pollInterval` when some file is polled, nil when inotify covers everything.
    public var pollingInterval: Double? {
        if !backlog.isEmpty { return 0 }
        return files.values.contains(where: { $0.polled || $0.openRetry }) ? pollInterval : nil
    }

    /// True when a file still has unread bytes beyond the per-drain limit.
    public var hasBacklog: Bool { !backlog.isEmpty }

    /// True when the last drain read the file under `key` to its end and nothing marked it
    /// changed since (also for a key not followed): what a trial's verdict waits for.
    public func isCaughtUp(key: Key) -> Bool {
        guard let file = files[key] else { return true }
        return !file.dirty && !file.openRetry && !backlog.contains(key)
    }

    /// The paths followed, by key.
    public var followed: [Key: String] { files.mapValues(\.path) }

    /// Starts following `path` (which need not exist yet); what it already holds is read by
    /// the next drain, or, with `skippingExisting`, passed over (its lines still count for
    /// line numbers): a trial's next attempt appends to the file of the earlier ones. Its
    /// directory must exist.
    public func add(_ path: String, key: Key, skippingExisting: Bool = false) throws(TailerError) {
        guard files[key] == nil else { throw TailerError.duplicateKey(path: path) }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let (polled, fallback) = try watch(directory: directory, name: name, key: key)
        let file = TailedFile(key: key, path: path, directory: directory, name: name,
                              polled: polled, maximumLineBytes: maximumLineBytes, open: system.open)
        if let fallback, !fallbackSaid {
            fallbackSaid = true
            file.notices.append("\(fallback): its metric files are polled every \(pollInterval) s, "
                                + "as are later ones until inotify has room again")
        }
        var info = stat()
        if skippingExisting && stat(path, &info) == 0 { file.skip = (info.st_ino, info.st_size) }
        files[key] = file
        order.append(key)
    }

    /// Starts following `path` from byte `offset`: what it held before is not read (an
    /// earlier attempt's lines). An offset of 0, or a file that does not exist yet, reads
    /// from the start; an offset past the file's end reads from its end.
    public func add(_ path: String, key: Key, startingAt offset: Int64) throws(TailerError) {
        try add(path, key: key)
        var info = stat()
        if offset > 0 && stat(path, &info) == 0 { files[key]!.skip = (info.st_ino, min(off_t(offset), info.st_size)) }
    }

    /// Stops following the file under `key` (drain first to get its last lines). A partial
    /// last line without its newline is dropped.
    public func remove(key: Key) {
        guard let file = files.removeValue(forKey: key) else { return }
        order.removeAll { $0 == key }
        backlog.remove(key)
        guard var entry = directories[file.directory], entry.names[file.name] == key else { return }
        entry.names[file.name] = nil
        if entry.names.isEmpty {
            inotify_rm_watch(inotifyFD, entry.wd)
            directories[file.directory] = nil
            directoryOfWatch[entry.wd] = nil
        } else {
            directories[file.directory] = entry
        }
    }

    /// Marks one file as possibly changed, so the next drain reads it (a trial that just
    /// exited: its last lines are read before it is judged, events or not).
    public func markChanged(key: Key) {
        files[key]?.dirty = true
    }

    /// Marks every file as possibly changed, so the next drain reads them all (what an
    /// event queue overflow needs).
    public func rescan() {
        for file in files.values { file.dirty = true; file.checkReplaced = true }
    }

    /// Reads pending events and the files they name (all polled files too), and returns the
    /// new complete lines of each file that has any, in the order the files were added.
    public func drain() -> [TailUpdate<Key>] {
        readEvents()
        var updates: [TailUpdate<Key>] = []
        for key in order {
            guard let file = files[key], file.dirty || file.polled || file.openRetry || backlog.contains(key) else { continue }
            let (update, more) = file.read(buffer: &buffer, limit: maximumBytesPerDrain)
            if more { backlog.insert(key) } else { backlog.remove(key) }
            if let update { updates.append(update) }
        }
        return updates
    }

    /// Whether `directory` is on a network file system, remembered per device: every trial
    /// directory of a run is on the same one, and reading the mount table costs ~0.1 ms.
    private func isOnNetworkFileSystem(_ directory: String) -> Bool {
        var info = stat()
        guard stat(directory, &info) == 0 else { return FileSystemKind.isNetwork(directory) }
        if let known = networkByDevice[UInt64(info.st_dev)] { return known }
        let network = FileSystemKind.isNetwork(directory)
        networkByDevice[UInt64(info.st_dev)] = network
        return network
    }

    /// Sets up the directory watch. Returns whether the file must be polled instead, and, when
    /// that is for want of inotify (not a network file system), why, to be said.
    private func watch(directory: String, name: String, key: Key) throws(TailerError) -> (polled: Bool, fallback: String?) {
        if mode == .polling { return (true, nil) }
        if inotifyFD < 0 { return (true, unavailable) }
        if mode == .automatic && isOnNetworkFileSystem(directory) { return (true, nil) }
        if var entry = directories[directory] {
            entry.names[name] = key
            directories[directory] = entry
            return (false, nil)
        }
        let mask = UInt32(IN_MODIFY) | UInt32(IN_CREATE) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO)
        let wd = system.addWatch(inotifyFD, directory, mask)
        if wd < 0 {
            let reason = TailerSystem.explain(errno)
            if mode == .inotify { throw TailerError.watchFailed(directory: directory, reason: reason) }
            return (true, "inotify cannot watch \(directory) (\(reason))")
        }
        directories[directory] = (wd, [name: key])
        directoryOfWatch[wd] = directory
        return (false, nil)
    }
}
