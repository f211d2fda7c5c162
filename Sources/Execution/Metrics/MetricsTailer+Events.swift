#if canImport(Glibc)
import Glibc
#endif

extension MetricsTailer {
    /// Reads every queued inotify event without blocking and marks the files they name.
    func readEvents() {
        guard inotifyFD >= 0 else { return }
        let headerSize = MemoryLayout<inotify_event>.size  // 16: wd, mask, cookie, len
        while true {
            let n = eventBuffer.withUnsafeMutableBytes { read(inotifyFD, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            var offset = 0
            while offset + headerSize <= n {
                let (wd, mask, length) = eventBuffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameBytes = eventBuffer[(offset + headerSize)..<min(n, offset + headerSize + length)]
                    .prefix { $0 != 0 }
                handle(wd: wd, mask: mask, name: String(decoding: nameBytes, as: UTF8.self))
                offset += headerSize + length
            }
        }
    }

    private func handle(wd: Int32, mask: UInt32, name: String) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            overflowCount += 1
            rescan()
            return
        }
        guard let directory = directoryOfWatch[wd] else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            // The directory is gone or unmounted: its files are polled from now on, so a
            // recreated directory is still read.
            let names = directories[directory]?.names ?? [:]
            directories[directory] = nil
            directoryOfWatch[wd] = nil
            for key in names.values { files[key]?.polled = true }
            return
        }
        guard let key = directories[directory]?.names[name], let file = files[key] else { return }
        file.dirty = true
        if mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 { file.checkReplaced = true }
    }
}
