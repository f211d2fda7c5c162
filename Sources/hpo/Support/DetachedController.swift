import Execution
import Foundation

/// `--detach`: the controller runs as a small Slurm job of its own, so a sweep outlives the
/// login shell. The job runs this same hpo with the same arguments, less `--detach`, plus
/// `--name` (generated here when not given) so that `hpo status NAME`, `logs` and `cancel`
/// find the run from the login node.
enum DetachedController {
    static func submit(spec: SweepSpec, options: SweepOptions) throws {
        guard case .slurm(let slurm) = spec.backendChoice else {
            throw InputError("--detach needs --backend slurm (a local sweep runs in this terminal; use nohup or tmux)")
        }
        let root = options.resolvedRoot
        var arguments = Array(CommandLine.arguments.dropFirst())
        let name = try RunLayout.newRunName(given: spec.name, inRoot: root)
        // After the subcommand (arguments[0]), before the trial command: `--name` belongs to hpo.
        if spec.name == nil { arguments.insert(contentsOf: ["--name", name], at: 1) }
        let layout = try RunLayout(root: root, name: name)
        if FileManager.default.fileExists(atPath: layout.directory) { throw SweepError.runExists(name: name, root: root) }
        if let index = arguments.firstIndex(of: "--detach") { arguments.remove(at: index) }
        if options.root == nil { arguments.insert(contentsOf: ["--root", root], at: 1) }

        let directory = RunLayout.join(root, ".controllers")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = RunLayout.join(directory, name + ".sh")
        let log = RunLayout.join(directory, name + ".log")
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        try """
            #!/bin/bash
            # The controller of hpo run \(name), submitted by hpo --detach.
            exec \(ShellQuoting.join([executable] + arguments))

            """.write(toFile: script, atomically: true, encoding: .utf8)
        var sbatch = ["--job-name=hpo-controller.\(name)", "--output=\(log)", "--open-mode=append",
                      "--chdir=\(FileManager.default.currentDirectoryPath)", "--ntasks=1", "--cpus-per-task=1"]
        if let partition = slurm.partition { sbatch.append("--partition=\(partition)") }
        if let account = slurm.account { sbatch.append("--account=\(account)") }
        if let qos = slurm.qos { sbatch.append("--qos=\(qos)") }
        let client = SlurmCommands(environment: SlurmBackend.submissionEnvironment(ProcessInfo.processInfo.environment))
        let id: String
        do {
            id = try client.submit(sbatch + [script])
        } catch {
            throw RunFailure(message: "could not submit the controller: \(error)")
        }
        print("run \(name): its controller is Slurm job \(id); follow it with hpo status \(name) --root \(root)")
        print("controller output: \(log)")
    }
}
