#if canImport(Glibc)
import Glibc
#endif

/// Removes what an attempt was given and left unused (`LaunchRequest.removedWhenEmpty`):
/// called once no process of the attempt is left, so that nothing can write into a file or
/// directory after it is gone. Readers take a missing log, artifacts or checkpoint
/// directory for an empty one, and the next attempt is given them again.
enum EmptyEntries {
    /// Unlinks each path that is an empty regular file and removes each that is an empty
    /// directory; anything else (content, a link, a FIFO, nothing at all) is left as it is.
    static func remove(_ paths: [String]) {
        for path in paths {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG where info.st_size == 0: unlink(path)
            case S_IFDIR: rmdir(path)  // fails, harmlessly, unless it is empty
            default: continue
            }
        }
    }
}
