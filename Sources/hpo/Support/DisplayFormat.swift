import Execution
import Foundation
import Search
#if canImport(Glibc)
import Glibc
#endif

/// How numbers, durations and states read in hpo's tables: compact, and the same in every
/// command. `--json` output never goes through here; it keeps full precision.
enum DisplayFormat {
    /// An objective (or any real) with 6 significant digits, as C's `%.6g` writes it:
    /// `0.234567`, `1.23457e-05`, `123457`, `0.5`. Non-finite values read `nan`, `inf`, `-inf`.
    static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return format("%.6g", x)
    }

    /// A duration in seconds, compact: `350ms` under a second, `4.2s` under a minute,
    /// `3m05s` under an hour, `1h02m` under a day, `3d07h` beyond. Each form rounds to its
    /// last digit; a value that rounds up to the next form's unit moves to it (59.97 s
    /// reads `1m00s`). Negative durations (clocks set back) read as zero.
    static func duration(_ seconds: Double) -> String {
        let s = max(0, seconds)
        if s < 0.9995 { return "\(Int((s * 1000).rounded()))ms" }
        if s < 59.95 { return format("%.1f", s) + "s" }
        if s < 3599.5 {
            let whole = Int(s.rounded())
            return "\(whole / 60)m" + twoDigits(whole % 60) + "s"
        }
        if s < 86_370 {
            let minutes = Int((s / 60).rounded())
            return "\(minutes / 60)h" + twoDigits(minutes % 60) + "m"
        }
        let hours = Int((s / 3600).rounded())
        return "\(hours / 24)d" + twoDigits(hours % 24) + "h"
    }

    /// A parameter value for a table: reals with 6 significant digits, the rest as the
    /// trial's command line received them, control characters escaped (`\x1b`).
    static func value(_ v: ParameterValue) -> String {
        if case .real(let x) = v { return number(x) }
        return v.displayText
    }

    /// How many trials are in each state, in lifecycle order, states with none left out:
    /// `8 succeeded, 2 running, 1 failed`; `no trials` when there are none.
    static func counts(_ counts: [TrialState: Int]) -> String {
        let parts = TrialState.allCases.compactMap { state in
            counts[state].flatMap { $0 > 0 ? "\($0) \(state)" : nil }
        }
        return parts.isEmpty ? "no trials" : parts.joined(separator: ", ")
    }

    /// `1 trial`, `12 trials`.
    static func trials(_ n: Int) -> String { n == 1 ? "1 trial" : "\(n) trials" }

    /// Why a trial ended as it did, for the table's note column: the stored explanation,
    /// else what its exit says (`exit code 1`, `killed by SIGKILL`), prefixed with the
    /// attempt when the trial was retried. Empty when there is nothing to add to the state.
    static func note(for trial: TrialRecord, metric: String) -> String {
        var parts: [String] = []
        if trial.attempt > 1 { parts.append("attempt \(trial.attempt)") }
        if let job = trial.job {
            parts.append(trial.state == .starting ? "Slurm job \(job), waiting in the queue" : "Slurm job \(job)")
        }
        if let explanation = trial.explanation, !explanation.isEmpty {
            parts.append(explanation)
        } else if trial.state.isFinal && trial.state != .succeeded {
            if trial.state == .noMetric {
                parts.append("exited 0 without reporting \(metric)")
            } else if let code = trial.exitCode, code != 0 {
                parts.append(code == 3 && trial.state == .invalid ? "exit code 3: configuration declared infeasible"
                                                                   : "exit code \(code)")
            } else if let signal = trial.signal {
                parts.append("killed by \(signalName(signal))")
            }
        }
        return parts.joined(separator: "; ")
    }

    /// `SIGKILL` for 9; `signal 40` for numbers without a common name.
    static func signalName(_ number: Int32) -> String {
        let names: [Int32: String] = [
            1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS",
            8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE",
            14: "SIGALRM", 15: "SIGTERM", 24: "SIGXCPU", 25: "SIGXFSZ",
        ]
        return names[number] ?? "signal \(number)"
    }

    /// Text made fit for one table cell: runs of whitespace (newlines, tabs) become one
    /// space and other control characters are dropped, so a row stays one line.
    static func cell(_ text: String) -> String {
        // Most cells (numbers, states, names) hold no space or control character at all.
        if text.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) { return text }
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                continue
            } else {
                if pendingSpace { out += " " }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` broken at spaces into lines of at most `width` characters (a word longer
    /// than the width gets a line of its own); lines after the first are indented by two.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = "  "
            }
            line += (line.isEmpty || line == "  " ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// One double through C's `printf` (`vsnprintf`): `String(format:)` goes through
    /// CoreFoundation and costs several times more, felt on tables of 50,000 rows.
    private static func format(_ format: String, _ x: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            _ = withVaList([x]) { vsnprintf(buffer.baseAddress!, 64, format, $0) }
            return String(cString: buffer.baseAddress!)
        }
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
