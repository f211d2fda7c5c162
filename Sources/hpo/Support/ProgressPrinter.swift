import Execution
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a running sweep shows: a line per finished trial on stdout, and on a terminal a
/// live view on stderr that redraws in place below them (`LiveView`: a progress bar, the
/// best trial, each running trial with its slots and latest metric; the ETA). When stderr is
/// not a terminal the live view is left out, so logs stay plain lines.
final class ProgressPrinter {
    let spec: SweepSpec
    let runName: String
    /// The run's store, read for the live view (the controller's own connection: reads
    /// between its writes, on its thread).
    let store: RunStore?
    let interactive = isatty(STDERR_FILENO) == 1
    /// Lines of the live view now on the screen.
    private var shownLines = 0
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private var latest: ControllerProgress?

    init(spec: SweepSpec, runName: String, store: RunStore? = nil) {
        self.spec = spec
        self.runName = runName
        self.store = store
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
            record.configuration[name].map { "\(name)=\($0.displayText)" }
        }.joined(separator: " "))
        // A succeeded trial has an explanation only when early stopping found it converged.
        if let why = record.explanation { parts.append("(\(why))") }
        return parts.joined(separator: "  ")
    }

    /// Clears the live view before the run's summary.
    func finish() {
        erase()
    }

    private func say(_ text: String, toStandardError: Bool = true) {
        erase()
        let data = Data((text + "\n").utf8)
        if toStandardError { FileHandle.standardError.write(data) } else { FileHandle.standardOutput.write(data) }
        drawStatus(force: true)
    }

    /// Takes the live view off the screen: up to its first line, then clear to the end.
    private func erase() {
        guard shownLines > 0 else { return }
        FileHandle.standardError.write(Data(((shownLines > 1 ? "\u{1B}[\(shownLines - 1)A" : "") + "\r\u{1B}[J").utf8))
        shownLines = 0
    }

    private func drawStatus(force: Bool) {
        guard interactive, let p = latest else { return }
        let now = ContinuousClock.now
        guard force || now - lastDraw >= .milliseconds(250) else { return }
        lastDraw = now
        var lines: [String]
        let width = StandardOutput.width(of: STDERR_FILENO)
        if let store, let view = try? LiveView.read(store, budget: p.finished + p.running + p.remaining) {
            lines = view.lines(width: width)
        } else {
            lines = ["\(runName): \(p.finished) done · \(p.running) running · \(p.remaining) queued"]
            if let best = p.best, let trial = p.bestTrial { lines[0] += " · best \(Format.number(best)) (trial \(trial))" }
        }
        if let eta = p.estimatedSecondsLeft { lines[0] += " · ETA \(Format.duration(eta))" }
        lines[0] = lines[0].count > width ? String(lines[0].prefix(max(1, width - 1))) + "…" : lines[0]
        erase()
        FileHandle.standardError.write(Data(lines.joined(separator: "\n").utf8))
        shownLines = lines.count
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
