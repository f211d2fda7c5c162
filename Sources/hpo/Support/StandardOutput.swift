import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard output written directly with `write(2)`, unbuffered, so that `hpo logs -f`
/// shows each chunk at once and the commands' lines never interleave with buffered
/// `print` output. A closed pipe (`hpo logs RUN 3 | head`) ends the command quietly with
/// exit code 0, as `cat` and `tail` do.
enum StandardOutput {
    /// Writes `text` as is.
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes UTF-8 bytes as they are.
    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Writes each line with a line end.
    static func writeLines(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        write(lines.joined(separator: "\n") + "\n")
    }

    /// Writes raw bytes, retrying short writes and interruptions.
    static func write(_ buffer: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                // EPIPE (the reader went away) or a failed device: nothing more can be shown.
                Foundation.exit(errno == EPIPE ? 0 : 1)
            }
        }
    }

    /// The width tables are fitted to: `COLUMNS` when set (as shells and ArgumentParser
    /// read it), else the terminal's width when standard output is one, else 100.
    static func width(of descriptor: Int32 = STDOUT_FILENO,
                      environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        if let text = environment["COLUMNS"], let columns = Int(text), columns >= 20 { return columns }
        var size = winsize()
        if isatty(descriptor) == 1, ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 {
            return Int(size.ws_col)
        }
        return 100
    }
}
