/// Reading a study's trials.
extension Study {
    /// Every trial asked so far, in order: `trials[n].number == n`.
    public var trials: [Trial] {
        locked { records.enumerated().map { Trial(number: $0.offset, parameters: $0.element.parameters, study: self) } }
    }

    /// The completed feasible trial (see `constraints`) with the best finite value under
    /// `goal`, the earliest among equals; nil while no trial has completed feasible with a
    /// finite value. Pruned, failed and infeasible trials never count.
    public var bestTrial: Trial? {
        locked {
            var best: (number: Int, value: Double)?
            for (n, r) in records.enumerated() where r.state == .completed {
                guard let v = r.value, v.isFinite, feasible(r) else { continue }
                if best == nil || goal.isBetter(v, than: best!.value) { best = (n, v) }
            }
            return best.map { Trial(number: $0.number, parameters: records[$0.number].parameters, study: self) }
        }
    }

    /// True when a completed trial respects every constraint (false before it completes).
    public func isFeasible(_ trial: Trial) -> Bool {
        locked { records[trial.number].state == .completed && feasible(records[trial.number]) }
    }

    /// Whether a record's told metrics respect every constraint.
    /// - Precondition: the caller holds `lock`.
    func feasible(_ r: Record) -> Bool {
        OutcomeConstraint.allSatisfied(constraints, by: constraints.map { r.metrics[$0.metric] })
    }

    /// A copy of one trial's record, read under the lock.
    func record(_ number: Int) -> Record {
        locked { records[number] }
    }
}
