import Foundation
import Testing
@testable import Execution
#if canImport(Glibc)
import Glibc
#endif

@Suite("Local backend: starting a trial")
struct LocalLaunchTests {
    @Test("each way a process can end is reported as it happened", arguments: [
        ("exit 0", Termination.exited(0)),
        ("exit 7", .exited(7)),
        ("exit 3", .exited(3)),
        ("kill -SEGV $$", .signaled(SIGSEGV)),
        ("kill -KILL $$", .signaled(SIGKILL)),
    ])
    func terminations(script: String, expected: Termination) throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let handle = try backend.launch(scratch.request(["/bin/sh", "-c", script]))
        #expect(backend.waitForExit(handle) == expected)
    }

    @Test("a missing executable is a typed error and starts nothing")
    func missingExecutable() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        #expect(throws: LaunchError.commandNotFound("no-such-program-hpo")) {
            try backend.launch(scratch.request(["no-such-program-hpo", "--lr", "0.1"]))
        }
        #expect(LaunchError.commandNotFound("no-such-program-hpo").description == "command not found: no-such-program-hpo")
        #expect(throws: LaunchError.commandNotFound("./missing.py")) {
            try backend.launch(scratch.request(["./missing.py"]))
        }
        #expect(backend.runningHandles.isEmpty)
        #expect(backend.exitDescriptors.isEmpty)
    }

    @Test("files that cannot be executed get their own messages")
    func notExecutable() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        scratch.write("plain.txt", "hello\n")
        #expect(throws: LaunchError.permissionDenied(path: scratch.file("plain.txt"))) {
            try backend.launch(scratch.request(["./plain.txt"]))
        }
        scratch.write("noshebang", "\u{7f}ELF garbage", executable: true)
        #expect(throws: LaunchError.notExecutable(path: scratch.file("noshebang"))) {
            try backend.launch(scratch.request(["./noshebang"]))
        }
        scratch.write("badinterp", "#!/no/such/python3 -u\nprint(1)\n", executable: true)
        #expect(throws: LaunchError.interpreterNotFound(path: scratch.file("badinterp"), interpreter: "/no/such/python3")) {
            try backend.launch(scratch.request(["./badinterp"]))
        }
        #expect(throws: LaunchError.workingDirectoryUnavailable(path: scratch.file("nope"), reason: "No such file or directory")) {
            var request = scratch.request(["/bin/true"])
            request.workingDirectory = scratch.file("nope")
            return try backend.launch(request)
        }
        #expect(throws: LaunchError.unrepresentable(what: "argument 1")) {
            try backend.launch(scratch.request(["/bin/echo", "a\u{0}b"]))
        }
    }

    @Test("shell syntax in a value reaches the program as one literal argument")
    func argumentsAreLiteral() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let values = ["; rm -rf ~", "$(id)", "`id`", "a b", "", "*", "--lr=0.1 && echo pwned", "'\"", "ünï"]
        let python = try backend.launch(scratch.request(
            ["python3", "-c", "import sys, json; print(json.dumps(sys.argv[1:]))"] + values))
        #expect(backend.waitForExit(python) == .exited(0))
        let decoded = try JSONDecoder().decode([String].self, from: Data(scratch.read("out.log").utf8))
        #expect(decoded == values)

        // sh here is the test's program, not a shell around the command: "$@" are its argv.
        var request = scratch.request(["/bin/sh", "-c", "printf '%s\\n' \"$@\"", "sh"] + values)
        request.standardOutputPath = scratch.file("printf.log")
        let printf = try backend.launch(request)
        #expect(backend.waitForExit(printf) == .exited(0))
        #expect(scratch.read("printf.log") == values.map { $0 + "\n" }.joined())
        #expect(!FileManager.default.fileExists(atPath: scratch.file("pwned")))
    }

    @Test("the environment is exactly the one given plus HPO_ATTEMPT_ID, and its PATH finds the program")
    func environmentIsExact() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        // No PATH: `env` is found in glibc's default /bin:/usr/bin, and nothing is inherited.
        let environment = ["HPO_TRIAL": "12", "SPACED": "x y", "EMPTY": "", "JSON": "{\"lr\": 0.1}"]
        let handle = try backend.launch(scratch.request(["env"], environment: environment))
        #expect(backend.waitForExit(handle) == .exited(0))
        let lines = scratch.read("out.log").split(separator: "\n").map(String.init).sorted()
        #expect(lines.filter { !$0.hasPrefix("HPO_ATTEMPT_ID=") } == environment.map { "\($0.key)=\($0.value)" }.sorted())
        #expect(lines.filter { $0.hasPrefix("HPO_ATTEMPT_ID=") }.count == 1, "the one variable the backend adds")

        // The trial's PATH, not hpo's, is searched.
        scratch.write("mytool", "#!/bin/sh\necho found-in-trial-path\n", executable: true)
        var request = scratch.request(["mytool"], environment: ["PATH": scratch.path])
        request.standardOutputPath = scratch.file("tool.log")
        let tool = try backend.launch(request)
        #expect(backend.waitForExit(tool) == .exited(0))
        #expect(scratch.read("tool.log") == "found-in-trial-path\n")
    }

    @Test("the trial starts in its working directory; ./relative paths resolve there")
    func workingDirectory() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        try FileManager.default.createDirectory(atPath: scratch.file("work"), withIntermediateDirectories: false)
        scratch.write("work/train.sh", "#!/bin/sh\npwd\n", executable: true)
        var request = scratch.request(["./train.sh"])
        request.workingDirectory = scratch.file("work")
        let handle = try backend.launch(request)
        #expect(backend.waitForExit(handle) == .exited(0))
        #expect(scratch.read("out.log") == scratch.file("work") + "\n")
    }

    @Test("stdout and stderr are appended to their files; stdin is /dev/null")
    func outputFiles() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let script = "cat; echo out-$1; echo err-$1 >&2"
        for attempt in ["1", "2"] {
            let handle = try backend.launch(scratch.request(["/bin/sh", "-c", script, "sh", attempt]))
            #expect(backend.waitForExit(handle, timeout: .seconds(5)) == .exited(0))
        }
        #expect(scratch.read("out.log") == "out-1\nout-2\n")
        #expect(scratch.read("err.log") == "err-1\nerr-2\n")

        var combined = scratch.request(["/bin/sh", "-c", "echo a; echo b >&2; echo c"])
        combined.standardOutputPath = scratch.file("both.log")
        combined.standardErrorPath = scratch.file("both.log")
        let handle = try backend.launch(combined)
        #expect(backend.waitForExit(handle) == .exited(0))
        #expect(scratch.read("both.log") == "a\nb\nc\n")
    }

    @Test("no descriptor of hpo leaks into a trial")
    func descriptorsClosed() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let leaky = open("/dev/null", O_RDONLY)  // deliberately without O_CLOEXEC
        let high = dup2(leaky, 200)
        defer { close(leaky); close(high) }
        let handle = try backend.launch(scratch.request(
            ["/bin/sh", "-c", "for fd in \(leaky) 200; do [ -e /proc/$$/fd/$fd ] && echo open $fd; done; echo done"]))
        #expect(backend.waitForExit(handle) == .exited(0))
        #expect(scratch.read("out.log") == "done\n")
    }

    @Test("signal dispositions hpo ignores are reset to default in the trial")
    func signalDefaults() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let previous = Glibc.signal(SIGUSR2, SIG_IGN)
        defer { _ = Glibc.signal(SIGUSR2, previous) }
        let handle = try backend.launch(scratch.request(["/bin/sh", "-c", "kill -USR2 $$; exit 0"]))
        #expect(backend.waitForExit(handle) == .signaled(SIGUSR2))
    }

    @Test("a trial leads its own session and process group")
    func ownSession() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let backend = LocalBackend()
        let handle = try backend.launch(scratch.request(["/bin/sleep", "5"]))
        defer { backend.terminateAndWait(handle, grace: .seconds(1)) }
        #expect(handle.processGroup == handle.pid)
        #expect(getpgid(handle.pid) == handle.pid)
        #expect(getsid(handle.pid) == handle.pid)
        #expect(getsid(handle.pid) != getsid(0))
    }
}
