import Execution
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `hpo logs RUN TRIAL [-f] [--stderr]`.
@Suite struct HPOLogsTests {
    static let lr: Configuration = ["lr": .real(0.1), "optimizer": .string("sgd")]

    /// A run with trial 1 running (its directory made, as the controller makes it).
    static func runningTrial(_ fixture: RunFixture) throws -> (store: RunStore, files: TrialLayout) {
        let (layout, store) = try fixture.makeRun("brisk-heron-1", spec: try RunFixture.spec())
        let files = try layout.createTrialDirectories(1)
        try store.launch(1, lr, start: RunFixture.at(1))
        return (store, files)
    }

    @Test func printsTheTrialsStdoutExactly() throws {
        let fixture = RunFixture()
        let (_, files) = try Self.runningTrial(fixture)
        let text = "epoch 1 loss 0.9\nepoch 2 loss 0.5 — ünïcode\nno newline at the end"
        try RunFixture.write(text, to: files.stdout)
        try RunFixture.write("warning: slow\n", to: files.stderr)
        let r = try HPOProcess.run(["logs", "brisk-heron-1", "1"], in: fixture.directory)
        #expect(r.status == 0)
        #expect(r.stdout == text)
        #expect(r.stderr == "")
    }

    @Test func stderrFlagPrintsTheTrialsStderr() throws {
        let fixture = RunFixture()
        let (_, files) = try Self.runningTrial(fixture)
        try RunFixture.write("out\n", to: files.stdout)
        try RunFixture.write("Traceback (most recent call last):\nValueError: bad\n", to: files.stderr)
        let r = try HPOProcess.run(["logs", "--stderr", "brisk-heron-1", "1"], in: fixture.directory)
        #expect(r.status == 0)
        #expect(r.stdout == "Traceback (most recent call last):\nValueError: bad\n")
    }

    @Test func aLargeLogIsPrintedWhole() throws {
        let fixture = RunFixture()
        let (_, files) = try Self.runningTrial(fixture)
        let text = (1...50_000).map { "line \($0) of a long training log\n" }.joined()
        try RunFixture.write(text, to: files.stdout)
        let r = try HPOProcess.run(["logs", "brisk-heron-1", "1"], in: fixture.directory)
        #expect(r.status == 0)
        #expect(r.stdout == text)
    }

    @Test func aTrialWithoutOutputYetSaysSoOnStderr() throws {
        let fixture = RunFixture()
        let (layout, store) = try fixture.makeRun("brisk-heron-1", spec: try RunFixture.spec())
        _ = layout
        try store.createTrial(number: 1, configuration: Self.lr, at: RunFixture.epoch, queued: true)
        let r = try HPOProcess.run(["logs", "brisk-heron-1", "1"], in: fixture.directory)
        #expect(r.status == 0)
        #expect(r.stdout == "")
        #expect(r.stderr == "hpo logs: trial 1 is queued and has written no stdout yet (-f waits for it)\n")
    }

    /// A finished trial that wrote nothing has no log (hpo removes empty ones after it): read
    /// as an empty one, with a note on stderr, not as an error.
    @Test func aFinishedTrialWithoutALogWroteNothing() throws {
        let fixture = RunFixture()
        let (store, files) = try Self.runningTrial(fixture)
        _ = try store.recordFinish(trial: 1, state: .succeeded, exitCode: 0, objective: 0.5, steps: 1,
                                   explanation: nil, at: RunFixture.at(2))
        #expect(!FileManager.default.fileExists(atPath: files.stderr))
        let r = try HPOProcess.run(["logs", "--stderr", "brisk-heron-1", "1"], in: fixture.directory)
        #expect(r.status == 0)
        #expect(r.stdout == "")
        #expect(r.stderr == "hpo logs: trial 1 (succeeded) wrote nothing to its stderr\n")
    }

    @Test func followPrintsNewOutputAndEndsOnceTheTrialIsFinal() throws {
        let fixture = RunFixture()
        let (store, files) = try Self.runningTrial(fixture)
        try RunFixture.write("epoch 1\n", to: files.stdout)
        let follower = try HPOProcess.start(["logs", "-f", "brisk-heron-1", "1"], in: fixture.directory)
        // The existing output shows at once.
        #expect(Waiting.until(seconds: 5) { follower.stdout == "epoch 1\n" })
        try RunFixture.append("epoch 2\n", to: files.stdout)
        #expect(Waiting.until(seconds: 5) { follower.stdout == "epoch 1\nepoch 2\n" })
        #expect(follower.process.isRunning)
        // The last lines are written just before the process exits and the controller
        // records the end: they are printed too, then the command exits 0.
        try RunFixture.append("epoch 3\ndone\n", to: files.stdout)
        try store.recordFinish(trial: 1, state: .succeeded, exitCode: 0, objective: 0.5, steps: 3, at: RunFixture.at(9))
        let status = follower.wait(upTo: 5)
        #expect(status == 0)
        #expect(follower.stdout == "epoch 1\nepoch 2\nepoch 3\ndone\n")
        #expect(follower.stderr == "")
    }

    @Test func followWaitsForAQueuedTrialToStart() throws {
        let fixture = RunFixture()
        let (layout, store) = try fixture.makeRun("brisk-heron-1", spec: try RunFixture.spec())
        try store.createTrial(number: 1, configuration: Self.lr, at: RunFixture.epoch, queued: true)
        let follower = try HPOProcess.start(["logs", "-f", "--stderr", "brisk-heron-1", "1"], in: fixture.directory)
        #expect(Waiting.until(seconds: 5) { follower.stderr.contains("trial 1 is queued; waiting for its stderr") })
        let files = try layout.createTrialDirectories(1)
        try store.recordStarting(trial: 1, slots: [], at: RunFixture.at(1))
        try store.recordLaunch(trial: 1, process: ProcessRecord(pid: 5, processGroup: 5, startTime: 1), at: RunFixture.at(2))
        try RunFixture.write("starting\n", to: files.stderr)
        #expect(Waiting.until(seconds: 5) { follower.stdout == "starting\n" })
        try store.recordFinish(trial: 1, state: .failed, exitCode: 1, at: RunFixture.at(3))
        #expect(follower.wait(upTo: 5) == 0)
    }

    @Test func followOfAFinishedTrialPrintsAndExitsAtOnce() throws {
        let fixture = RunFixture()
        let (store, files) = try Self.runningTrial(fixture)
        try RunFixture.write("all\n", to: files.stdout)
        try store.recordFinish(trial: 1, state: .failed, exitCode: 2, at: RunFixture.at(5))
        let r = try HPOProcess.run(["logs", "-f", "brisk-heron-1", "1"], in: fixture.directory)
        #expect(r.status == 0 && r.stdout == "all\n")
    }

    @Test func followStopsWhenTheRunEndedWithoutTheTrial() throws {
        let fixture = RunFixture()
        let (store, files) = try Self.runningTrial(fixture)
        try RunFixture.write("partial\n", to: files.stdout)
        try store.setRunState(.failed, at: RunFixture.at(5))
        let r = try HPOProcess.run(["logs", "-f", "brisk-heron-1", "1"], in: fixture.directory)
        #expect(r.status == 0 && r.stdout == "partial\n")
        #expect(r.stderr == "hpo logs: run 'brisk-heron-1' is failed; trial 1 stays running\n")
    }

    @Test func interruptingFollowEndsLikeTail() throws {
        let fixture = RunFixture()
        let (_, files) = try Self.runningTrial(fixture)
        try RunFixture.write("epoch 1\n", to: files.stdout)
        let follower = try HPOProcess.start(["logs", "-f", "brisk-heron-1", "1"], in: fixture.directory)
        #expect(Waiting.until(seconds: 5) { follower.stdout == "epoch 1\n" })
        follower.process.interrupt()
        #expect(follower.wait(upTo: 5) != nil)
        #expect(follower.process.terminationReason == .uncaughtSignal && follower.process.terminationStatus == SIGINT)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFIFOInPlaceOfTheLogIsRefusedAtOnce() throws {
        let fixture = RunFixture()
        let (_, files) = try Self.runningTrial(fixture)
        #expect(mkfifo(files.stderr, 0o644) == 0)
        let r = try HPOProcess.run(["logs", "--stderr", "brisk-heron-1", "1"], in: fixture.directory)
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr == "hpo logs: \(files.stderr) is a FIFO, not a regular file: not read\n")
    }

    @Test func aLinkOutOfTheTrialsDirectoryIsNotFollowed() throws {
        let fixture = RunFixture()
        let (_, files) = try Self.runningTrial(fixture)
        let secret = fixture.directory + "/secret"
        try RunFixture.write("root:$6$hash:19000::::::\n", to: secret)
        try? FileManager.default.removeItem(atPath: files.stdout)
        #expect(symlink(secret, files.stdout) == 0)
        let r = try HPOProcess.run(["logs", "brisk-heron-1", "1"], in: fixture.directory)
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr == "hpo logs: \(files.stdout) is a symbolic link out of the trial's directory: not read\n")
    }

    @Test func followWaitsForATrialNotCreatedYet() throws {
        let fixture = RunFixture()
        let (layout, store) = try fixture.makeRun("brisk-heron-1", spec: try RunFixture.spec())
        try store.setRunState(.running, at: RunFixture.at(0))
        let follower = try HPOProcess.start(["logs", "-f", "brisk-heron-1", "4"], in: fixture.directory)
        #expect(Waiting.until(seconds: 5) { follower.stderr.contains("trial 4 is not created yet; waiting for it") })
        #expect(follower.process.isRunning)
        try store.launch(4, Self.lr, start: RunFixture.at(1))
        let files = try layout.createTrialDirectories(4)
        try RunFixture.write("epoch 1\n", to: files.stdout)
        #expect(Waiting.until(seconds: 5) { follower.stdout == "epoch 1\n" })
        try store.recordFinish(trial: 4, state: .succeeded, exitCode: 0, objective: 0.5, steps: 1, at: RunFixture.at(3))
        #expect(follower.wait(upTo: 5) == 0)
    }

    @Test func followOfATrialNeverCreatedStopsWhenTheRunEnds() throws {
        let fixture = RunFixture()
        let (_, store) = try fixture.makeRun("brisk-heron-1", spec: try RunFixture.spec())
        try store.setRunState(.running, at: RunFixture.at(0))
        let follower = try HPOProcess.start(["logs", "-f", "brisk-heron-1", "9"], in: fixture.directory)
        #expect(Waiting.until(seconds: 5) { follower.stderr.contains("waiting for it") })
        try store.setRunState(.completed, at: RunFixture.at(5))
        #expect(follower.wait(upTo: 5) == 1)
        #expect(follower.stderr.hasSuffix("hpo logs: run 'brisk-heron-1' is completed and never created trial 9\n"))
    }
}
