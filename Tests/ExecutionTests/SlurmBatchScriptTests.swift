import Foundation
import Testing
@testable import Execution

/// The batch script of a trial's job, compared with golden files in Tests/ExecutionTests/Golden.
/// Regenerate them with `HPO_UPDATE_GOLDEN=1 swift test --filter SlurmBatchScriptTests`.
@Suite struct SlurmBatchScriptTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// A trial whose parameter is hostile to a shell, with every Slurm option set.
    static func request(ranks: RankLayout = .single) -> LaunchRequest {
        var request = LaunchRequest(
            arguments: ["python3", "train.py", "--name", "x'; rm -rf ~ $(id) `id`", "--lr", "0.01"],
            environment: ["PATH": "/usr/bin:/bin", "HOME": "/home/ada", "HPO_RUN": "r1", "HPO_TRIAL": "3",
                          "HPO_PARAMS": #"{"name": "x'; rm -rf ~ $(id) `id`", "lr": 0.01}"#,
                          "HPO_METRICS_FILE": "/runs/r1/trials/3/metrics.jsonl", "CUDA_VISIBLE_DEVICES": "",
                          "SLURM_JOB_ID": "99", "weird-name": "skipped"],
            workingDirectory: "/runs/r1/trials/3/work", standardOutputPath: "/runs/r1/trials/3/stdout.log",
            standardErrorPath: "/runs/r1/trials/3/stderr.log")
        request.ranks = ranks
        return request
    }

    static let options = SlurmOptions(partition: "gpu", account: "ml", qos: "normal", timeLimit: "2:00:00",
                                      constraint: "a100", gpusPerTrial: 2, cpusPerTrial: 8, memoryPerTrial: "32G",
                                      extraArguments: ["--exclusive"])

    static func script(ranks: RankLayout = .single) -> BatchScript {
        BatchScript(request(ranks: ranks), options: options, jobName: "hpo.r1.3", scriptPath: "/runs/r1/trials/3/job.sh",
                    exitStatusPath: "/runs/r1/trials/3/exit_status", inherited: ["PATH": "/usr/bin:/bin", "HOME": "/home/ada"])
    }

    func compare(_ text: String, golden file: String) throws {
        let url = Self.golden.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["HPO_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "regenerate with HPO_UPDATE_GOLDEN=1 if the change is intended")
    }

    @Test func oneRankScriptMatchesGolden() throws {
        try compare(Self.script().text, golden: "slurm-job.sh")
    }

    @Test func twoNodeTorchrunScriptMatchesGolden() throws {
        try compare(Self.script(ranks: RankLayout(nodes: 2, ranksPerNode: 4)).text, golden: "slurm-job-ranks.sh")
    }

    @Test func resourcesGoToSbatchAsArguments() {
        #expect(Self.script().sbatchArguments == [
            "--job-name=hpo.r1.3", "--output=/runs/r1/trials/3/stdout.log", "--error=/runs/r1/trials/3/stderr.log",
            "--open-mode=append", "--chdir=/runs/r1/trials/3/work", "--nodes=1", "--ntasks-per-node=1", "--partition=gpu",
            "--account=ml", "--qos=normal", "--time=2:00:00", "--constraint=a100", "--gres=gpu:2", "--cpus-per-task=8",
            "--mem=32G", "--exclusive", "/runs/r1/trials/3/job.sh",
        ])
    }

    /// bash itself reads the script: the hostile value comes out as one literal argument.
    @Test func bashPassesTheHostileValueAsOneArgument() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var request = Self.request()
        request.workingDirectory = directory
        request.arguments = ["/bin/sh", "-c", #"printf '%s\n' "$@" > "$0.args"; printf '%s' "$HPO_PARAMS" > "$0.env"; exit 7"#,
                             directory + "/out"] + Array(request.arguments.dropFirst(2))
        let script = BatchScript(request, options: SlurmOptions(), jobName: "j", scriptPath: directory + "/job.sh",
                                 exitStatusPath: directory + "/exit_status", inherited: [:])
        try script.text.write(toFile: directory + "/job.sh", atomically: true, encoding: .utf8)
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = [directory + "/job.sh"]
        try bash.run()
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 7)
        let args = try String(contentsOfFile: directory + "/out.args", encoding: .utf8)
        #expect(args == "--name\nx'; rm -rf ~ $(id) `id`\n--lr\n0.01\n")
        #expect(try String(contentsOfFile: directory + "/out.env", encoding: .utf8) == Self.request().environment["HPO_PARAMS"])
        // The status, then the wall time the command ended (what hpo records as the trial's end).
        let before = Date().timeIntervalSince1970
        let written = try String(contentsOfFile: directory + "/exit_status", encoding: .utf8).split(separator: " ")
        #expect(written.first == "7")
        let ended = try #require(Double(written.last?.trimmingCharacters(in: .newlines) ?? ""))
        #expect(ended <= before && ended > before - 600)
    }

    /// The job runs in the trial's own directory; where it cannot enter it (a node without the
    /// shared file system), it fails, naming the directory, rather than run in /tmp as Slurm would.
    @Test func theJobEntersTheTrialsDirectoryOrFailsNamingIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hpo-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/trials/3/work", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func run(in workingDirectory: String) throws -> (status: Int32, stderr: String) {
            var request = Self.request()
            request.workingDirectory = workingDirectory
            request.arguments = ["/bin/sh", "-c", "pwd > \"$0\"", directory + "/pwd"]
            let script = BatchScript(request, options: SlurmOptions(), jobName: "j", scriptPath: directory + "/job.sh",
                                     exitStatusPath: directory + "/exit_status", inherited: [:])
            try script.text.write(toFile: directory + "/job.sh", atomically: true, encoding: .utf8)
            let bash = Process(), err = Pipe()
            bash.executableURL = URL(fileURLWithPath: "/bin/bash")
            bash.arguments = [directory + "/job.sh"]
            bash.currentDirectoryURL = URL(fileURLWithPath: "/")
            bash.standardError = err
            try bash.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            bash.waitUntilExit()
            return (bash.terminationStatus, text)
        }
        let entered = try run(in: directory + "/trials/3/work")
        #expect(entered.status == 0)
        #expect(try String(contentsOfFile: directory + "/pwd", encoding: .utf8) == directory + "/trials/3/work\n")
        let missing = try run(in: directory + "/trials/4/work")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("hpo: cannot enter the trial directory \(directory)/trials/4/work on "))
    }
}
