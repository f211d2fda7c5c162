import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Why `hpo ui` will not start.
public enum DashboardStartError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another address than the loopback without a token.
    case tokenNeeded(host: String)
    /// A token too short to resist guessing.
    case weakToken
    /// Something else listens on the port.
    case portInUse(host: String, port: Int)
    /// The port is below 1024 and hpo may not bind it.
    case portNotPermitted(host: String, port: Int)
    /// The address is none of this machine's.
    case addressNotAvailable(host: String)

    /// The sentence for a bind that failed with `error`; nil for other errors.
    init?(binding error: IOError, host: String, port: Int) {
        switch error.errnoCode {
        case EADDRINUSE: self = .portInUse(host: host, port: port)
        case EACCES: self = .portNotPermitted(host: host, port: port)
        case EADDRNOTAVAIL: self = .addressNotAvailable(host: host)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .tokenNeeded(let host):
            "--host \(host) makes the dashboard reachable from other machines: give --token with a secret of 16 "
                + "characters or more (e.g. --token $(openssl rand -hex 16)); every request must then carry it"
        case .weakToken:
            "--token: use 16 characters or more (e.g. $(openssl rand -hex 16))"
        case .portInUse(let host, let port):
            "port \(port) on \(host) is already in use; pick another with --port, or --port 0 for a free one"
        case .portNotPermitted(let host, let port):
            "port \(port) on \(host) needs privileges hpo does not have; pick one from 1024 up with --port, "
                + "or --port 0 for a free one"
        case .addressNotAvailable(let host):
            "--host \(host) is not an address of this machine; give one of its addresses, or 0.0.0.0 for all"
        }
    }
}
