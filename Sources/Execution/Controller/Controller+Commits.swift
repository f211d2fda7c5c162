import Foundation

/// What the loop does only once the records it reports are committed.
enum AfterCommit {
    /// Tell the observer (a finished trial's line, a launch).
    case notify(ControllerEvent)
    /// Append a finished trial's row to results.csv.
    case row(TrialRecord)
}

/// One commit per turn of the loop (see `RunStore.batch(_:)`).
///
/// The trial contract holds as with a commit per write: a process is spawned only once its
/// `starting` record is committed (`commitFirst()` before each launch); a results.csv row
/// and every line the observer prints wait for the commit of what they report, so nothing
/// a person or a file was told is lost by a `kill -9`; a crash loses at most the current
/// turn's records, which nobody was told of (the trials' files still hold their lines, and
/// `hpo resume` reconciles their processes as after any crash).
extension Controller {
    /// Runs part of a turn with the store's writes in one transaction, then carries out what
    /// waited for the commit. A failed commit is fed to the core (which stops the run) and
    /// what waited for it is dropped.
    func inOneTransaction(_ body: () -> Void) {
        do {
            try store.batch(body)
        } catch {
            awaitingCommit.removeAll()
            feed(.commitFailed(error, while: "committing the records of the loop's turn", at: clock.now))
            return
        }
        carryOutWaiting()
    }

    /// Commits the turn's writes so far, before an effect that needs them durable (a launch),
    /// and carries out what waited for them. Returns the error when the commit failed: those
    /// writes are lost, and what waited for them is dropped.
    func commitFirst() -> (any Error)? {
        do {
            try store.commitBatch()
        } catch {
            awaitingCommit.removeAll()
            return error
        }
        carryOutWaiting()
        return nil
    }

    /// Carries `effect` out once the current batch commits, or now outside a batch.
    func afterCommit(_ effect: AfterCommit) {
        if store.isBatching {
            awaitingCommit.append(effect)
        } else {
            carryOut(effect)
        }
    }

    private func carryOutWaiting() {
        // Carrying one out may add more (a failed row is fed to the core): first come, first out.
        while !awaitingCommit.isEmpty { carryOut(awaitingCommit.removeFirst()) }
    }

    private func carryOut(_ effect: AfterCommit) {
        switch effect {
        case .notify(let event):
            observer(event)
        case .row(let record):
            do {
                try results.append(record)
            } catch {
                feed(.commitFailed(error, while: "recording the end of trial \(record.number)", at: clock.now))
            }
        }
    }
}
