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
    ///
    /// Each line a rank writes to stdout or stderr reaches stdout.log or stderr.log prefixed
    /// with `[rank<k>] ` (torchrun's `--tee` with `--role`), through one `awk` per stream
    /// reading a FIFO that is unlinked once both ends are open (nothing is left in `$TMPDIR`);
    /// mawk, which fills its input buffer before it reads a line, gets `-W interactive`; as
    /// that leaves its output unbuffered, each line goes out as one string (`print` would write
    /// the text and the newline apart, and another rank's line could land between them).
    /// The filters ignore SIGTERM, SIGINT and SIGHUP so that what a rank prints while it
    /// stops still arrives; they end when the ranks' output closes, or 5 s after the last
    /// rank exited when something a rank left running holds it open.
    ///
    /// The script itself waits through SIGTERM (the ranks' grace period is theirs), and when
    /// the first failing rank was killed by SIGTERM, SIGKILL, SIGINT or SIGHUP it ends by the
    /// same signal, so that hpo tells a preemption from a failure as for a single process.
    static let localScript = """
        prog='{ printf "%s", r $0 "\\n"; fflush() }'
        case $(awk -W version 2>&1 </dev/null) in mawk*) line='-W interactive' ;; *) line= ;; esac
        d=$(mktemp -d) || exit 70
        trap 'caught=1' TERM INT HUP
        i=0; pids=; filters=
        while [ "$i" -lt "$WORLD_SIZE" ]; do
          if [ "$i" = 0 ]; then m="$HPO_METRICS_FILE"; else m="${HPO_METRICS_FILE%.jsonl}.rank$i.jsonl"; fi
          mkfifo "$d/o" "$d/e" || exit 70
          (trap '' TERM INT HUP; exec awk $line -v r="[rank$i] " "$prog") < "$d/o" &
          filters="$filters $!"
          (trap '' TERM INT HUP; exec awk $line -v r="[rank$i] " "$prog" >&2) < "$d/e" &
          filters="$filters $!"
          exec 4>"$d/o" 5>"$d/e"
          rm -f "$d/o" "$d/e"
          RANK=$i LOCAL_RANK=$i HPO_METRICS_FILE="$m" "$@" >&4 2>&5 4>&- 5>&- &
          pids="$pids $!"; i=$((i + 1))
        done
        exec 4>&- 5>&-
        rmdir "$d"
        status=0
        for p in $pids; do
          caught=; wait "$p"; s=$?
          while [ "$s" -gt 128 ] && [ -n "$caught" ]; do caught=; wait "$p"; s=$?; done
          [ "$status" = 0 ] && status=$s
        done
        (trap '' TERM INT HUP; sleep 5; kill -KILL $filters) 2>/dev/null &
        for f in $filters; do wait "$f"; done
        case $status in
          129) s=HUP ;; 130) s=INT ;; 137) s=KILL ;; 143) s=TERM ;; *) exit "$status" ;;
        esac
        trap - "$s"; kill -s "$s" $$
        exit "$status"
        """

    /// The programs the local script runs besides the trial's command (see
    /// `LocalBackend.checkLauncher`).
    static let localScriptPrograms = ["awk", "mkfifo", "mktemp", "rm", "rmdir", "sleep"]

    /// The lines of rank 0 among prefixed local output, without their prefix: what a metric
    /// pattern reads from stdout.log, so that ranks printing the same numbers count once (as
    /// only rank 0's metrics file is read).
    public static func rankZeroLines(_ lines: [FileLine]) -> [FileLine] {
        let prefix = Array("[rank0] ".utf8)
        return lines.compactMap { line in
            line.bytes.starts(with: prefix) ? FileLine(number: line.number, bytes: Array(line.bytes.dropFirst(prefix.count))) : nil
        }
    }

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
