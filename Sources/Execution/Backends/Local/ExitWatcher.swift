import CSystemShims
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Notes the wall time at which each watched trial leader ended, on a thread of its own.
///
/// A trial's recorded end must be when its process ended, not when the controller's loop
/// got around to it: the loop may be committing a transaction, spawning a batch of trials or
/// reading a flood of metric lines when the exit happens, and at `--parallel 8` with bayes
/// that put recorded ends tens of milliseconds late (p99), inflating every duration and the
/// slot-hours. This thread does nothing but sleep in `epoll_wait` on the trials' pidfds
/// and stamp the clock the moment one becomes readable; the loop still reaps the exit (it
/// polls the same pidfds) and takes the stamp with it (`take`).
///
/// One thread and one epoll instance for the whole backend, whatever the number of
/// trials. Each pidfd is registered once (`EPOLLONESHOT`); closing it (when the loop reaps
/// the trial) removes it from the epoll set, so the backend keeps owning its descriptors.
/// Stamps are keyed by a tag that is never reused, so a late stamp of a reaped trial
/// cannot be taken for a new process that got the same pid.
final class ExitWatcher: Sendable {
    private struct Book {
        /// Tags watched and not yet taken: only these get stamps.
        var expected: Set<UInt64> = []
        var stamps: [UInt64: Date] = [:]
        var nextTag: UInt64 = 1
    }

    /// The book, shared by reference between the watcher and its thread.
    private final class SharedBook: Sendable {
        let mutex = Mutex(Book())
    }

    private let book = SharedBook()
    private let epoll: Int32
    /// Writing to it ends the thread (which then closes both descriptors).
    private let stopWriter: Int32
    private static let stopTag = UInt64.max

    /// Starts the watching thread; nil when epoll or the thread cannot be had (the loop's
    /// own observation time is then recorded, as before).
    init?(now: @escaping @Sendable () -> Date = { Date() }) {
        let epoll = hpo_epoll_create()
        guard epoll >= 0 else { return nil }
        var pipe: [Int32] = [-1, -1]
        guard hpo_pipe_cloexec(&pipe) == 0 else { Glibc.close(epoll); return nil }
        guard hpo_epoll_watch(epoll, pipe[0], Self.stopTag, 0) == 0 else {
            Glibc.close(epoll); Glibc.close(pipe[0]); Glibc.close(pipe[1])
            return nil
        }
        self.epoll = epoll
        self.stopWriter = pipe[1]
        let stopReader = pipe[0]
        let book = self.book
        // The thread holds what it needs, not `self`, so dropping the watcher stops it.
        let thread = Thread {
            Self.watch(epoll: epoll, book: book, now: now)
            Glibc.close(stopReader)
            Glibc.close(epoll)
        }
        thread.name = "hpo exit watcher"
        thread.start()
    }

    deinit {
        var byte: UInt8 = 1
        _ = Glibc.write(stopWriter, &byte, 1)
        Glibc.close(stopWriter)
    }

    /// Starts watching a trial leader's pidfd; returns the tag to `take` its stamp with, or
    /// nil when the descriptor could not be registered (its end is then the loop's time).
    func watch(pidfd: Int32) -> UInt64? {
        let tag = book.mutex.withLock { book in
            defer { book.nextTag += 1 }
            book.expected.insert(book.nextTag)
            return book.nextTag
        }
        guard hpo_epoll_watch(epoll, pidfd, tag, 1) == 0 else {
            _ = book.mutex.withLock { $0.expected.remove(tag) }
            return nil
        }
        return tag
    }

    /// The wall time the tagged process was seen to end, if the thread saw it; forgets the tag
    /// either way. Call it when the exit is reaped.
    func take(_ tag: UInt64) -> Date? {
        book.mutex.withLock { book in
            book.expected.remove(tag)
            return book.stamps.removeValue(forKey: tag)
        }
    }

    private static func watch(epoll: Int32, book: SharedBook, now: @Sendable () -> Date) {
        var tags = [UInt64](repeating: 0, count: 64)
        while true {
            let count = hpo_epoll_wait_tags(epoll, &tags, Int32(tags.count), -1)
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            var stopping = false
            // The clock is read under the lock: once it has been read, a `take` finds the stamp.
            book.mutex.withLock { book in
                let seen = now()
                for tag in tags.prefix(Int(count)) {
                    if tag == stopTag { stopping = true; continue }
                    if book.expected.contains(tag) { book.stamps[tag] = seen }
                }
            }
            if stopping { return }
        }
    }
}
