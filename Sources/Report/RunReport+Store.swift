import Execution
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension RunReport {
    /// Whether the run's store can be opened without waiting: `run.db` is a regular file, and
    /// so are its `-wal` and `-shm` where they exist. SQLite opens them blocking, so a FIFO
    /// left in their place would hang `hpo report` or a dashboard worker for good.
    public static func storeFilesAreRegular(_ layout: RunLayout) -> Bool {
        for (path, required) in [(layout.database, true), (layout.database + "-wal", false), (layout.database + "-shm", false)] {
            var info = stat()
            guard stat(path, &info) == 0 else {
                if required { return false }
                continue
            }
            if (info.st_mode & S_IFMT) != S_IFREG { return false }
        }
        return true
    }
}
