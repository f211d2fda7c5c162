#if canImport(Glibc)
import Glibc
#endif

/// Text for `errno` values, for error messages.
enum SystemError {
    /// `strerror(code)`, e.g. "No such file or directory".
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
