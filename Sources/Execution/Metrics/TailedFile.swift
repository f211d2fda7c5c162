#if canImport(Glibc)
import Glibc
#endif

/// One followed file: where reading stopped, the partial line, the open descriptor.
final class TailedFile<Key: Hashable & Sendable> {
    let key: Key
    let path: String
    let directory: String
    let name: String
    /// Read by polling (stat each drain) rather than inotify.
    var polled: Bool
    var fd: Int32 = -1
    var inode: ino_t = 0
    var offset: off_t = 0
    var splitter: LineSplitter
    /// Something may have been appended since the last read.
    var dirty = true
    /// A create or rename event named this file: it may be a new file under the old name.
    var checkReplaced = true
    /// What the file held when it was added with `skippingExisting`: that many bytes of that
    /// inode are read without handing out their lines (they keep counting for line numbers).
    var skip: (inode: ino_t, bytes: off_t)?
    /// What was refused at the path (a FIFO, a link out of the directory), so that it is
    /// warned about once; nil once something readable (or nothing) is there.
    var refused: FileIdentity?
    /// The last open failed for want of a descriptor (EMFILE, ENFILE): tried again at every
    /// drain, and the file is not caught up until it opens.
    var openRetry = false
    /// Said once (the retry above): what the next read hands out as warnings.
    var openRetrySaid = false
    /// Said with the next read (a fallback to polling), as warnings of this file.
    var notices: [String] = []
    let openFile: (String) -> TrialFile.Outcome

    init(key: Key, path: String, directory: String, name: String, polled: Bool, maximumLineBytes: Int,
         open: @escaping (String) -> TrialFile.Outcome = { TrialFile.open($0) }) {
        self.openFile = open
        self.key = key
        self.path = path
        self.directory = directory
        self.name = name
        self.polled = polled
        self.splitter = LineSplitter(maximumLineBytes: maximumLineBytes)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Reads what was appended since the last read, at most `limit` bytes. Returns the update
    /// (nil when nothing happened) and whether bytes were left unread because of the limit.
    func read(buffer: inout [UInt8], limit: Int) -> (update: TailUpdate<Key>?, backlog: Bool) {
        var lines: [FileLine] = []
        var warnings = notices.map { MetricWarning(line: nil, message: $0) }
        notices = []
        var restarted = false
        dirty = false
        if fd >= 0 && (checkReplaced || polled) {
            var info = stat()
            if stat(path, &info) == 0, info.st_ino != inode {
                // A new file under the old name: finish the old one, then start the new one.
                let (_, more) = readOpen(buffer: &buffer, limit: limit, lines: &lines, warnings: &warnings)
                if more { return (TailUpdate(key: key, path: path, lines: lines, warnings: warnings, restarted: false), true) }
                close(fd)
                fd = -1
                splitter.reset()
                restarted = offset > 0
            }
        }
        checkReplaced = false
        if fd < 0 {
            guard let opened = open(warnings: &warnings) else { return (update(lines, warnings, restarted), false) }
            fd = opened.descriptor
            inode = opened.info.st_ino
            offset = 0
            if let skip, skip.inode == inode { discard(upTo: skip.bytes, buffer: &buffer) }
            skip = nil
        }
        let (shrank, more) = readOpen(buffer: &buffer, limit: limit, lines: &lines, warnings: &warnings)
        return (update(lines, warnings, restarted || shrank), more)
    }

    /// Opens the file the way `TrialFile` allows (never blocking, a regular file, no link out
    /// of the trial's directory); a refusal is warned about once for each file put there.
    private func open(warnings: inout [MetricWarning]) -> (descriptor: Int32, info: stat)? {
        if let refused, TrialFile.identity(path) == refused { return nil }
        openRetry = false
        switch openFile(path) {
        case .opened(let descriptor, let info):
            refused = nil
            return (descriptor, info)
        case .failed(let code) where code == EMFILE || code == ENFILE:
            // Descriptors come back as trials end: try again, and hold the verdict till then.
            refused = nil
            openRetry = true
            if !openRetrySaid {
                openRetrySaid = true
                warnings.append(MetricWarning(line: nil, message: "cannot open \(path) (\(String(cString: strerror(code)))): "
                                              + "hpo tries again until a descriptor is free; raise ulimit -n or lower --parallel"))
            }
            return nil
        case .missing, .failed:
            refused = nil
            return nil
        case .refused(let reason):
            refused = TrialFile.identity(path)
            warnings.append(MetricWarning(line: nil, message: "\(path) is \(reason): not read"))
            return nil
        }
    }

    private func update(_ lines: [FileLine], _ warnings: [MetricWarning], _ restarted: Bool) -> TailUpdate<Key>? {
        if lines.isEmpty && warnings.isEmpty && !restarted { return nil }
        return TailUpdate(key: key, path: path, lines: lines, warnings: warnings, restarted: restarted)
    }

    /// Reads the first `end` bytes through the splitter and drops their lines.
    private func discard(upTo end: off_t, buffer: inout [UInt8]) {
        var lines: [FileLine] = []
        var warnings: [MetricWarning] = []
        while offset < end {
            let want = min(buffer.count, Int(end - offset))
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += off_t(n)
            buffer.withUnsafeBufferPointer { all in
                splitter.feed(UnsafeBufferPointer(rebasing: all[0..<n]), into: &lines, warnings: &warnings)
            }
            lines.removeAll(keepingCapacity: true)
            warnings.removeAll()
        }
    }

    /// pread from the saved offset to end of file (or the limit); detects truncation.
    private func readOpen(buffer: inout [UInt8], limit: Int, lines: inout [FileLine],
                          warnings: inout [MetricWarning]) -> (shrank: Bool, more: Bool) {
        var shrank = false
        var info = stat()
        if fstat(fd, &info) == 0, info.st_size < offset {
            offset = 0
            splitter.reset()
            shrank = true
        }
        var total = 0
        while total < limit {
            let want = min(buffer.count, limit - total)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return (shrank, false) }
            offset += off_t(n)
            total += n
            buffer.withUnsafeBufferPointer { all in
                splitter.feed(UnsafeBufferPointer(rebasing: all[0..<n]), into: &lines, warnings: &warnings)
            }
        }
        return (shrank, true)
    }
}
