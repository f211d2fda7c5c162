import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

extension LocalBackend {
    /// Reaps every trial whose leader has exited and returns them, each exactly once; also
    /// reaps exited leftovers of finished trials and, with `adoptOrphans`, orphans.
    /// Never blocks. Cost: one `waitid` per trial whose pidfd is readable (and per trial
    /// without a pidfd), none for the others.
    public func collectExits() -> [TrialExit<ProcessHandle>] {
        var exits = pendingExits
        pendingExits.removeAll()
        for pid in exitCandidates() {
            if let exit = reapGroup(leader: pid) { exits.append(exit) }
        }
        for group in Array(draining.keys) {
            drain(group)
        }
        if options.adoptOrphans { reapOrphans() }
        exits.append(contentsOf: pendingExits)  // leaders met while draining a recycled group id
        pendingExits.removeAll()
        return exits
    }

    /// The loop's `poll(2)` woke on these pidfds: the next `collectExits` checks their trials.
    public func exitDescriptorsReady(_ descriptors: [Int32]) {
        readyExitDescriptors = (readyExitDescriptors ?? []).union(descriptors)
    }

    /// The running trials that may have ended: those whose pidfd is readable (as the loop's
    /// poll found, or as a poll without waiting finds when the loop did not say) and those
    /// without a pidfd. A pidfd stays readable once its process has ended, so an exit after
    /// the loop's poll is found on the next turn.
    private func exitCandidates() -> [Int32] {
        let ready = readyExitDescriptors ?? Self.readable(running.values.map(\.pidfd).filter { $0 >= 0 })
        readyExitDescriptors = nil
        return running.compactMap { pid, entry in entry.pidfd < 0 || ready.contains(entry.pidfd) ? pid : nil }
    }

    /// Those of `descriptors` that are readable now (`poll(2)` without waiting).
    private static func readable(_ descriptors: [Int32]) -> Set<Int32> {
        guard !descriptors.isEmpty else { return [] }
        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let count = poll(&fds, nfds_t(fds.count), 0)
        if count < 0 { return Set(descriptors) }  // interrupted: check them all
        if count == 0 { return [] }
        return Set(fds.filter { $0.revents != 0 }.map(\.fd))
    }

    /// Reaps what has exited in a running trial's group. The leader's exit is handled first
    /// by peeking (`waitid(WNOWAIT)`): the rest of the group gets SIGKILL while the zombie
    /// leader still holds the group id, then the leader is reaped.
    private func reapGroup(leader pid: Int32) -> TrialExit<ProcessHandle>? {
        while true {
            exitChecks += 1
            let exited = hpo_peek_exited(-pid)
            if exited == 0 { return nil }
            if exited < 0 {
                // No child of ours in the group, not even the leader: something else in this
                // process reaped it. The exit happened; its status is lost.
                return finish(pid, .unavailable)
            }
            if exited == pid {
                _ = kill(-pid, SIGKILL)  // leftovers: the trial ended with its leader
                return finish(pid, reap(pid) ?? .unavailable)
            }
            _ = reap(exited)  // an orphan re-parented to us inside the trial's group
        }
    }

    /// Forgets a reaped leader and starts cleaning up its group.
    private func finish(_ pid: Int32, _ termination: Termination) -> TrialExit<ProcessHandle>? {
        guard let entry = running.removeValue(forKey: pid) else { return nil }
        // Taken before the pidfd is closed (closing it ends the watch).
        let endedAt = entry.exitTag.flatMap { exitWatcher?.take($0) }
        if entry.pidfd >= 0 { close(entry.pidfd) }
        LeaderRegistry.unregister(pid)
        let now = ContinuousClock.now
        draining[entry.handle.processGroup] = Leftovers(since: now, token: entry.token, nextScan: now,
                                                        removedWhenEmpty: entry.removedWhenEmpty)
        drain(entry.handle.processGroup)
        return TrialExit(handle: entry.handle, termination: termination, endedAt: endedAt)
    }

    /// Reaps the exited members of a finished trial's group (our children since we are
    /// their subreaper), SIGKILLs what is left of the attempt outside the group (rescanned
    /// every `AttemptProcesses.rescanInterval`: a daemon may fork meanwhile), and stops
    /// tracking the group once nothing is left — then removes what the attempt left empty
    /// (`LaunchRequest.removedWhenEmpty`) — or after `drainLimit` (then nothing is removed:
    /// a process it could not kill may still write there).
    func drain(_ group: Int32) {
        while true {
            var status: Int32 = 0
            let pid = waitpid(-group, &status, WNOHANG)
            if pid > 0 {
                // The group id was recycled by one of our own new trials: never lose its exit.
                if running[pid] != nil {
                    if let exit = finish(pid, Termination(waitStatus: status)) { pendingExits.append(exit) }
                }
                continue
            }
            if pid < 0 && errno == EINTR { continue }
            break
        }
        guard var leftovers = draining[group] else { return }
        let now = ContinuousClock.now
        if now >= leftovers.nextScan {
            let outside = outside(group, token: leftovers.token, leader: nil)
            AttemptProcesses.send(SIGKILL, to: outside)
            leftovers.outsideLeft = !outside.isEmpty
            leftovers.nextScan = now + AttemptProcesses.rescanInterval
        }
        let empty = kill(-group, 0) != 0 && errno == ESRCH
        if empty && !leftovers.outsideLeft {
            draining[group] = nil
            EmptyEntries.remove(leftovers.removedWhenEmpty)
        } else {
            draining[group] = leftovers.since + Self.drainLimit < now ? nil : leftovers
        }
    }

    /// Blocking-free `waitpid` of one known-exited child.
    private func reap(_ pid: Int32) -> Termination? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return Termination(waitStatus: status) }
            if result < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// Reaps exited children that descend from trials but left their trial's process group
    /// (a daemon that called `setsid`), adopted because hpo is their subreaper. Returns how
    /// many were reaped. `collectExits` calls it; it is public for shutdown paths.
    ///
    /// `waitpid(-1)` would also take a trial leader's status or the child of some other code
    /// in this process, so an exited child is reaped here only when it is (a) in a session
    /// other than hpo's — every trial starts a new session, so all trial descendants are,
    /// while children started by other code stay in hpo's — and (b) not the registered
    /// leader of any backend's trial. Cost: one `waitid` when nothing exited; a scan of
    /// `/proc` only when the first exited child is someone else's.
    /// The loop's turn: orphaned trial descendants are reaped (see `reapOrphans`).
    public func reapLeftovers() { reapOrphans() }

    /// Local torchrun ranks prefix their lines with their rank.
    public var prefixesRankOutput: Bool { true }

    @discardableResult
    public func reapOrphans() -> Int {
        var count = 0
        while true {
            let pid = hpo_peek_exited(-1)
            guard pid > 0 else { return count }
            switch reapIfOrphan(pid) {
            case .reaped:
                count += 1
            case .leader:
                // A trial leader whose owner will collect it shortly; what is behind it
                // waits for the next call.
                return count
            case .foreign:
                // Another part of this process will reap that one; look past it.
                return count + reapOrphansByScanning()
            }
        }
    }

    private enum OrphanCheck { case reaped, leader, foreign }

    private func reapIfOrphan(_ pid: Int32) -> OrphanCheck {
        LeaderRegistry.withLeaders { leaders in
            if leaders.contains(pid) { return .leader }
            guard let stat = ProcStat.read(pid), stat.session != ownSession, stat.isZombie else { return .foreign }
            var status: Int32 = 0
            return waitpid(pid, &status, WNOHANG) == pid ? .reaped : .foreign
        }
    }

    /// Finds our zombie children in `/proc` (the kernel offers no list of them without
    /// CONFIG_PROC_CHILDREN) and reaps those that are orphans.
    private func reapOrphansByScanning() -> Int {
        guard let directory = opendir("/proc") else { return 0 }
        defer { closedir(directory) }
        let me = getpid()
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = Int32(name), let stat = ProcStat.read(pid), stat.parent == me, stat.isZombie
            else { continue }
            if reapIfOrphan(pid) == .reaped { count += 1 }
        }
        return count
    }
}
