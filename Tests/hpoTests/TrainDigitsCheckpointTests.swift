import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Examples/train_digits.py keeps the auto-resume contract: stopped by SIGTERM in the middle
/// of training, it saves its state and exits 75; run again with HPO_RESUME=1 it goes on and
/// reports exactly what an uninterrupted run reports.
@Suite struct TrainDigitsCheckpointTests {
    static let hasSklearn: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sklearn"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    func start(_ checkpoints: String, resume: Bool, output: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // The test runner starts children with its signal mask, SIGTERM blocked: unblock it
        // (hpo gives its trials an empty mask).
        p.arguments = ["python3", "-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM]); "
                       + "os.execvp('python3', ['python3'] + sys.argv[1:])",
                       HPOProcess.root.appendingPathComponent("Examples/train_digits.py").path, "--epochs", "8", "--hidden", "16"]
        var environment = ProcessInfo.processInfo.environment
        environment["HPO_CHECKPOINT_DIR"] = checkpoints
        environment["HPO_RESUME"] = resume ? "1" : "0"
        environment.removeValue(forKey: "HPO_METRICS_FILE")
        p.environment = environment
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        p.standardOutput = FileHandle(forWritingAtPath: output)
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test(.enabled(if: hasSklearn, "needs scikit-learn (scripts/setup.sh installs it)"))
    func stoppedMidTrainingItContinuesToTheSameResult() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-digits-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for sub in ["whole", "parts"] { try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true) }
        func read(_ name: String) -> String { (try? String(contentsOfFile: dir + "/" + name, encoding: .utf8)) ?? "" }

        let whole = try start(dir + "/whole", resume: false, output: dir + "/whole.txt")
        let first = try start(dir + "/parts", resume: false, output: dir + "/first.txt")
        #expect(Waiting.until(seconds: 60) { read("first.txt").split(separator: "\n").count >= 2 })
        kill(first.processIdentifier, SIGTERM)
        first.waitUntilExit()
        #expect(first.terminationStatus == 75)
        let second = try start(dir + "/parts", resume: true, output: dir + "/second.txt")
        second.waitUntilExit()
        whole.waitUntilExit()
        #expect(second.terminationStatus == 0 && whole.terminationStatus == 0)
        let reported = read("first.txt") + read("second.txt")
        #expect(read("first.txt").split(separator: "\n").count < 8)
        #expect(reported.split(separator: "\n").count == 8)
        #expect(reported == read("whole.txt"))
    }
}
