import CSystemShims
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Computes the strategy's suggestions on a thread of its own, so that the controller's loop
/// goes on reading metrics, reaping exits, pruning and answering cancels and Ctrl-C while a
/// Gaussian process is fitted (seconds with a thousand trials). The answer is kept here and
/// a byte on a pipe wakes the loop's `poll(2)`; the loop takes it with `take()`.
///
/// A strategy that answers at once (`Strategy.answersAtOnce`: random, grid) is asked on the
/// loop's own thread instead: its answer is ready when `ask` returns (`takeImmediate()`), so a
/// freed slot is refilled in the same turn — and the same transaction — as the exit that
/// freed it, without a thread hand-off.
///
/// One question at a time: the loop asks again only after it took the answer. An answer the
/// loop never takes (the run stopped meanwhile) is dropped with the worker; the computation
/// keeps the worker alive until it ends, so its pipe is never written after being closed.
final class SuggestionWorker: @unchecked Sendable {
    /// What the strategy said to one question.
    struct Answer {
        /// How many configurations were asked for.
        let count: Int
        let result: Result<[Configuration], any Error>
    }

    let readDescriptor: Int32
    private let writeDescriptor: Int32
    private let strategy: any Strategy
    private let queue = DispatchQueue(label: "hpo.suggestions")
    private let lock = NSLock()
    private var answer: Answer?
    /// The answer of a strategy asked on the loop's thread, not yet taken.
    private var immediate: Answer?

    init(strategy: any Strategy) throws {
        var fds: [Int32] = [0, 0]
        guard hpo_pipe_cloexec(&fds) == 0 else {
            throw SignalPipeError(call: "pipe2", message: SystemError.message(errno), purpose: "ask the strategy off the loop")
        }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        self.strategy = strategy
    }

    /// Starts computing `count` suggestions for `context`; returns at once — with the answer
    /// ready in `takeImmediate()` when the strategy answers at once.
    func ask(count: Int, context: SuggestionContext) {
        if strategy.answersAtOnce {
            immediate = Answer(count: count, result: Result { try strategy.suggest(count: count, context: context) })
            return
        }
        queue.async { [self] in
            let result = Result { try strategy.suggest(count: count, context: context) }
            lock.lock()
            answer = Answer(count: count, result: result)
            lock.unlock()
            var byte: UInt8 = 1
            _ = write(writeDescriptor, &byte, 1)
        }
    }

    /// The answer, once it came (each answer is returned once).
    func take() -> Answer? {
        var buffer = [UInt8](repeating: 0, count: 16)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        defer { answer = nil }
        return answer
    }

    /// The answer computed by the last `ask` on the loop's thread, once.
    func takeImmediate() -> Answer? {
        defer { immediate = nil }
        return immediate
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }
}
