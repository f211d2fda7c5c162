import Execution
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a running sweep shows: a line per finished trial on stdout, and on a terminal a
/// status line on stderr that redraws in place (done / running / queued, best, ETA). When
/// stderr is not a terminal the status line is left out, so logs stay plain.
final class ProgressPrinter {
    let spec: SweepSpec
    let runName: String
    let interactive = isatty(STDERR_FILENO) == 1
    private var statusShown = false
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private var latest: ControllerProgress?

    init(spec: SweepSpec, runName: String) {
        self.spec = spec
        self.runName = runName
    }

    func handle(_ event: ControllerEvent) {
        switch event {
        case .launched:
            break
        case .finished(let record):
            say(line(for: record), toStandardError: false)
        case .requeued(let trial, let attempt, let after, let note):
            say("trial \(trial): \(after.rawValue) (\(note)); queued as attempt \(attempt)")
        case .stopping(let trial, let cause, let explanation):
            // A pruned trial's line says why when it ends; other stops are worth a line now.
            if cause != .prune { say("trial \(trial): stopping: \(explanation)") }
        case .metricWarning(let trial, let warning):
            say("trial \(trial): metrics: \(warning)")
        case .draining(let reason):
            say(reason)
        case .notice(let text):
            say(text)
        case .progress(let progress):
            latest = progress
            drawStatus(force: false)
        }
    }

    /// `trial 3  succeeded  objective 0.412  12.3s  lr=0.01 layers=3`
    func line(for record: TrialRecord) -> String {
        var parts = ["trial \(record.number)", record.state.rawValue]
        if let objective = record.objective { parts.append("\(spec.metric.name) \(Format.number(objective))") }
        if let duration = record.duration { parts.append(Format.duration(duration)) }
        parts.append(spec.space.names.compactMap { name in
            record.configuration[name].map { "\(name)=\($0.commandLineText)" }
        }.joined(separator: " "))
        if let why = record.explanation, record.state != .succeeded { parts.append("(\(why))") }
        return parts.joined(separator: "  ")
    }

    /// Clears the status line before the run's summary.
    func finish() {
        if statusShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        statusShown = false
    }

    private func say(_ text: String, toStandardError: Bool = true) {
        if statusShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); statusShown = false }
        let data = Data((text + "\n").utf8)
        if toStandardError { FileHandle.standardError.write(data) } else { FileHandle.standardOutput.write(data) }
        drawStatus(force: true)
    }

    private func drawStatus(force: Bool) {
        guard interactive, let p = latest else { return }
        let now = ContinuousClock.now
        guard force || now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        var text = "\(runName): \(p.finished) done · \(p.running) running · \(p.remaining) queued"
        if let best = p.best, let trial = p.bestTrial { text += " · best \(Format.number(best)) (trial \(trial))" }
        if let eta = p.estimatedSecondsLeft, p.remaining + p.running > 0 { text += " · ETA \(Format.duration(eta))" }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        statusShown = true
    }
}

/// Compact numbers and durations for people.
enum Format {
    /// Six significant digits: `0.412345`, `1.23457e-05`.
    static func number(_ value: Double) -> String {
        String(format: "%.6g", value)
    }

    /// Slot-seconds as hours with enough digits to read small runs: `0.0123`, `1.25`.
    static func hours(_ seconds: Double) -> String {
        String(format: seconds < 36 ? "%.4f" : "%.2f", seconds / 3600)
    }

    /// `4.2s`, `3m05s`, `1h02m`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let s = Int(seconds.rounded())
        if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60)
    }
}
