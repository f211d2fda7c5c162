import ArgumentParser
import Dashboard
import Execution
import Foundation

/// `hpo ui`: the dashboard in a browser, served from the run root.
struct UICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Serve a dashboard of the runs: their views updating live, each trial's curve, metrics and logs.",
        discussion: """
            Read-only: it opens every run's store read-only and never slows a
            controller. It binds 127.0.0.1; to listen on another address give
            --token with a secret of 16 characters or more, which every request
            must then carry (open the address it prints, with ?token=SECRET
            percent-encoded, or send Authorization: Bearer SECRET). A port in
            use, or one it may not bind, is an error with exit code 1.
            """
    )

    @OptionGroup var location: RootOption

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "port"))
    var port = 8080

    @Option(help: ArgumentHelp("A secret every request must carry; required with any --host other than this machine.", valueName: "token"))
    var token: String?

    @Option(help: ArgumentHelp("Close a connection idle this many seconds.", valueName: "seconds"))
    var idleTimeout = 10.0

    @Option(help: ArgumentHelp("Serve at most this many connections at once (fewer under a low open-file limit); more wait.",
                               valueName: "n"))
    var maxConnections = 128

    func run() throws {
        do {
            guard (0...65535).contains(port) else { throw InputError("--port \(port): must be 0 to 65535") }
            let root = location.resolved()
            guard (0.001...86_400).contains(idleTimeout) else {
                throw InputError("--idle-timeout \(idleTimeout): must be from 0.001 to 86400 seconds")
            }
            guard maxConnections > 0 else { throw InputError("--max-connections \(maxConnections): must be 1 or more") }
            let server = DashboardServer(root: root.path, host: host, port: port, token: token,
                                         idleTimeout: .seconds(idleTimeout), maxConnections: maxConnections)
            do {
                try server.check()
            } catch {
                throw InputError("\(error)")
            }
            let served = root.show(root.path)
            let done = DispatchSemaphore(value: 0)
            let failure = FailureBox()
            Task {
                do {
                    // The port it listens on: the one given, or the one chosen for --port 0.
                    try await server.run { [host, token] port in
                        let address = DashboardServer.address(host: host, port: port, token: token)
                        StandardOutput.write("hpo ui: \(address) serving \(served) (Ctrl-C stops it)\n")
                    }
                } catch {
                    failure.error = error
                }
                done.signal()
            }
            done.wait()
            // A busy port (or one not allowed, or an address not this machine's) is said in a
            // sentence; like any other failure to serve, it exits 1: the command was right,
            // the machine's state stands in the way.
            if let error = failure.error { throw RunFailure(message: "\(error)") }
        }
    }
}

/// Carries the server's error out of its task.
final class FailureBox: @unchecked Sendable {
    var error: Error?
}
