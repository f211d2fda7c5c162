import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the loop reads of a trial's files on the side: sizes, checkpoints, a cut-off line.
extension Controller {
    /// True when the directory holds at least one entry (an earlier attempt's checkpoint).
    static func hasEntries(_ directory: String) -> Bool {
        guard let dir = opendir(directory) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { return true }
        }
        return false
    }

    /// Ends a file's last line with a newline when an attempt was cut off in the middle of
    /// writing it, so that the next attempt's first line starts a line of its own.
    /// The trial controls the file: a FIFO or a link out of its directory is left alone
    /// (the tailer warns about it).
    /// The file's size in bytes; 0 when it cannot be read.
    static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }

    static func endPartialLine(_ path: String) throws {
        let fd: Int32
        let info: stat
        switch TrialFile.open(path, appending: true) {
        case .opened(let descriptor, let opened): (fd, info) = (descriptor, opened)
        case .missing, .refused: return
        case .failed(let code): throw RunLayoutError(path: path, reason: SystemError.message(code))
        }
        defer { close(fd) }
        guard info.st_size > 0 else { return }
        var last: UInt8 = 0
        guard pread(fd, &last, 1, info.st_size - 1) == 1, last != UInt8(ascii: "\n") else { return }
        var newline = UInt8(ascii: "\n")
        if write(fd, &newline, 1) != 1 { throw RunLayoutError(path: path, reason: SystemError.message(errno)) }
    }
}
