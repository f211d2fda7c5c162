#if canImport(Glibc)
import Glibc
#endif

/// Turns one trial command into the processes of its ranks. No parameter value is ever part
/// of a shell script's text: the scripts below are fixed, and the trial's argv reaches them
/// as positional arguments (`"$@"`).
public enum RankLauncher {
    /// Local ranks: `/bin/sh -c <script> hpo-ranks argv…` starts `WORLD_SIZE` copies of the
    /// command in the trial's process group (so a teardown reaches every rank), each with its
    /// `RANK`/`LOCAL_RANK` and metrics file, and exits with the first failing rank's status.
    static let localScript = """
        i=0; pids=
        while [ "$i" -lt "$WORLD_SIZE" ]; do
          if [ "$i" = 0 ]; then m="$HPO_METRICS_FILE"; else m="${HPO_METRICS_FILE%.jsonl}.rank$i.jsonl"; fi
          RANK=$i LOCAL_RANK=$i HPO_METRICS_FILE="$m" "$@" &
          pids="$pids $!"; i=$((i + 1))
        done
        status=0
        for p in $pids; do wait "$p"; s=$?; [ "$status" = 0 ] && status=$s; done
        exit "$status"
        """

    /// One Slurm task: its rank from srun's `SLURM_PROCID`/`SLURM_LOCALID`, then the command.
    static let slurmTaskScript = """
        export RANK="$SLURM_PROCID" LOCAL_RANK="$SLURM_LOCALID"
        if [ "$RANK" != 0 ]; then export HPO_METRICS_FILE="${HPO_METRICS_FILE%.jsonl}.rank$RANK.jsonl"; fi
        exec "$@"
        """

    /// The request a local backend spawns for `ranks` ranks on this machine: the argv
    /// wrapped (torchrun: the script above; mpi: `mpirun -np M`), and `WORLD_SIZE`,
    /// `MASTER_ADDR=127.0.0.1` and a free `MASTER_PORT` added.
    public static func local(_ request: LaunchRequest, ranks: RankLayout) throws(LaunchError) -> LaunchRequest {
        var wrapped = request
        wrapped.environment["WORLD_SIZE"] = String(ranks.worldSize)
        wrapped.environment["MASTER_ADDR"] = "127.0.0.1"
        wrapped.environment["MASTER_PORT"] = String(try freePort())
        switch ranks.launcher {
        case .torchrun:
            wrapped.arguments = ["/bin/sh", "-c", localScript, "hpo-ranks"] + request.arguments
        case .mpi:
            wrapped.arguments = ["mpirun", "-np", String(ranks.worldSize)] + request.arguments
        }
        return wrapped
    }

    /// A TCP port free on this machine now: the kernel's choice for a socket bound to port 0.
    /// (Another process may take it before the trial binds it; torchrun has the same race.)
    public static func freePort() throws(LaunchError) -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .system(call: "socket", errno: errno) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddr in
                bind(fd, sockaddr, length) == 0 && getsockname(fd, sockaddr, &length) == 0
            }
        }
        guard bound else { throw .system(call: "bind", errno: errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
