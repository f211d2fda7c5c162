import Testing
@testable import Execution

@Suite("Trial states")
struct TrialStateTests {
    /// Every allowed move, written out; every pair not listed must be refused.
    static let allowed: Set<[TrialState]> = [
        [.created, .queued], [.created, .cancelled], [.created, .error],
        [.queued, .starting], [.queued, .cancelled], [.queued, .error],
        [.starting, .running], [.starting, .failed], [.starting, .error], [.starting, .cancelled], [.starting, .preempted],
        [.running, .succeeded], [.running, .failed], [.running, .pruned], [.running, .timeout], [.running, .cancelled],
        [.running, .noMetric], [.running, .invalid], [.running, .error], [.running, .preempted], [.running, .retrying],
        [.preempted, .queued], [.preempted, .cancelled], [.preempted, .error],
        [.retrying, .queued], [.retrying, .cancelled], [.retrying, .error],
    ]

    @Test("the transition table allows exactly the listed moves")
    func transitionTable() {
        for from in TrialState.allCases {
            for to in TrialState.allCases {
                #expect(TrialState.canTransition(from: from, to: to) == Self.allowed.contains([from, to]),
                        "\(from) → \(to)")
            }
        }
    }

    @Test("final states are the eight outcomes and nothing leaves them")
    func finalStates() {
        let finals: Set<TrialState> = [.succeeded, .failed, .pruned, .timeout, .cancelled, .noMetric, .invalid, .error]
        for state in TrialState.allCases {
            #expect(state.isFinal == finals.contains(state), "\(state)")
            if state.isFinal { #expect(state.successors.isEmpty) }
        }
    }

    @Test("a preempted trial is not final: it goes back to the queue")
    func preemptedRequeues() {
        #expect(!TrialState.preempted.isFinal)
        #expect(TrialState.preempted.canTransition(to: .queued))
    }

    @Test("every state is reachable from created")
    func reachability() {
        var seen: Set<TrialState> = [.created]
        var frontier: [TrialState] = [.created]
        while let s = frontier.popLast() {
            for next in s.successors where seen.insert(next).inserted { frontier.append(next) }
        }
        #expect(seen == Set(TrialState.allCases))
    }

    @Test("stored words are snake_case")
    func rawValues() {
        #expect(TrialState.noMetric.rawValue == "no_metric")
        #expect(TrialState(rawValue: "no_metric") == .noMetric)
        #expect(TrialState.allCases.map(\.rawValue) == ["created", "queued", "starting", "running", "succeeded", "failed",
                                                        "pruned", "timeout", "cancelled", "no_metric", "invalid", "error",
                                                        "preempted", "retrying"])
    }

    struct ExitCase: Sendable, CustomTestStringConvertible {
        let exitCode: Int32?
        let reported: Bool
        let cause: StopCause
        let expected: TrialState
        var testDescription: String { "exit \(exitCode.map(String.init) ?? "signal") objective=\(reported) cause=\(cause) → \(expected)" }
    }

    static let exitCases: [ExitCase] = [
        ExitCase(exitCode: 0, reported: true, cause: .none, expected: .succeeded),
        ExitCase(exitCode: 0, reported: false, cause: .none, expected: .noMetric),
        ExitCase(exitCode: 3, reported: false, cause: .none, expected: .invalid),
        ExitCase(exitCode: 3, reported: true, cause: .none, expected: .invalid),
        ExitCase(exitCode: 1, reported: true, cause: .none, expected: .failed),
        ExitCase(exitCode: 2, reported: false, cause: .none, expected: .failed),
        ExitCase(exitCode: 137, reported: false, cause: .none, expected: .failed),
        ExitCase(exitCode: nil, reported: true, cause: .none, expected: .failed),     // killed by a signal not ours (OOM)
        ExitCase(exitCode: nil, reported: false, cause: .timeout, expected: .timeout),
        ExitCase(exitCode: nil, reported: true, cause: .stall, expected: .timeout),
        ExitCase(exitCode: nil, reported: true, cause: .cancel, expected: .cancelled),
        ExitCase(exitCode: nil, reported: true, cause: .prune, expected: .pruned),
        ExitCase(exitCode: 0, reported: true, cause: .prune, expected: .pruned),      // caught SIGTERM, exited 0
        ExitCase(exitCode: nil, reported: true, cause: .converge, expected: .succeeded), // stopped improving: done
        ExitCase(exitCode: 1, reported: true, cause: .converge, expected: .succeeded),
        ExitCase(exitCode: 0, reported: true, cause: .timeout, expected: .timeout),
        ExitCase(exitCode: 3, reported: false, cause: .cancel, expected: .cancelled),
        ExitCase(exitCode: 1, reported: false, cause: .stall, expected: .timeout),
    ]

    @Test("an ended process is classified by hpo's stop cause, then its exit code", arguments: exitCases)
    func classify(_ c: ExitCase) {
        #expect(TrialState.final(exitCode: c.exitCode, reportedObjective: c.reported, cause: c.cause) == c.expected)
    }

    @Test("every classification is a final state reachable from running")
    func classificationsAreFinal() {
        for code: Int32? in [nil, 0, 1, 3, 255] {
            for reported in [false, true] {
                for cause in StopCause.allCases {
                    let state = TrialState.final(exitCode: code, reportedObjective: reported, cause: cause)
                    #expect(state.isFinal && TrialState.running.canTransition(to: state))
                }
            }
        }
    }
}
