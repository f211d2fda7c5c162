import Foundation
import Testing
@testable import Execution

/// Several ranks of one trial on the local backend (torchrun's conventions).
@Suite struct LocalRanksTests {
    @Test func twoRanksSeeTheirRanksAndOneMasterAddressAndPort() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-ranks-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["HPO_METRICS_FILE"] = directory + "/metrics.jsonl"
        var request = LaunchRequest(
            arguments: ["/bin/sh", "-c", #"echo "$RANK $LOCAL_RANK $WORLD_SIZE $MASTER_ADDR $MASTER_PORT $HPO_METRICS_FILE" > "$0/rank$RANK""#,
                        directory],
            environment: environment, workingDirectory: directory,
            standardOutputPath: directory + "/out.log", standardErrorPath: directory + "/out.log")
        request.ranks = RankLayout(ranksPerNode: 2)
        let backend = LocalBackend()
        let handle = try backend.launch(request)
        var exits: [TrialExit<ProcessHandle>] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while exits.isEmpty && ContinuousClock.now < deadline {
            LocalBackend.waitForReadable(backend.exitDescriptors, timeout: .milliseconds(100))
            exits += backend.collectExits()
        }
        #expect(exits == [TrialExit(handle: handle, termination: .exited(0))])
        let rank0 = try String(contentsOfFile: directory + "/rank0", encoding: .utf8).split(separator: " ")
        let rank1 = try String(contentsOfFile: directory + "/rank1", encoding: .utf8).split(separator: " ")
        #expect(rank0.prefix(4) == ["0", "0", "2", "127.0.0.1"])
        #expect(rank1.prefix(4) == ["1", "1", "2", "127.0.0.1"])
        #expect(rank0[4] == rank1[4] && Int(rank0[4])! > 0)
        #expect(rank0[5] == "\(directory)/metrics.jsonl\n")
        #expect(rank1[5] == "\(directory)/metrics.rank1.jsonl\n")
    }

    @Test func severalNodesNeedSlurm() {
        #expect(throws: RankLayoutError.self) { try RankLayout(nodes: 2).validate(localBackend: true) }
        #expect(throws: Never.self) { try RankLayout(nodes: 2).validate(localBackend: false) }
    }
}
