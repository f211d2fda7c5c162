import Execution
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files of a trial the dashboard reads: its logs and artifacts, only through
/// `ServedFile`, against the trial's directory as hpo made it.
extension DashboardSite {
    /// `<real run directory>/trials/<n>`: the run directory's real path (the root, or the run,
    /// may be a link of the person's) with the trial's directory as hpo made it below. A
    /// trial that replaced `trials/<n>` or `artifacts` with a link gets its files refused,
    /// since their real paths then lie elsewhere.
    func trialDirectory(_ layout: RunLayout, _ number: Int) throws(DashboardError) -> String {
        guard let run = ArtifactPath.realPath(layout.directory) else { throw .notFound("no run '\(layout.name)'") }
        return run + "/trials/\(number)"
    }

    /// An artifact of a trial, open (see `ArtifactPath` and `ServedFile`).
    public func artifact(_ name: String, _ number: Int, _ components: [String]) throws(DashboardError) -> ServedFile {
        let (layout, _) = try open(name)
        let artifacts = try trialDirectory(layout, number) + "/artifacts"
        return try ServedFile.open(try ArtifactPath.resolve(components, under: artifacts), within: artifacts)
    }

    /// The last `bytes` of a trial's `stdout.log` or `stderr.log` (the log route): "" when
    /// the trial exists and the log does not — an attempt that wrote nothing leaves no log.
    public func logText(_ name: String, _ number: Int, _ stream: String, bytes: Int) throws(DashboardError) -> String {
        guard ["stdout", "stderr"].contains(stream) else { throw .notFound("logs are stdout and stderr") }
        let (layout, store) = try open(name)
        var info = stat()
        if lstat(layout.trial(number).directory + "/\(stream).log", &info) != 0 && errno == ENOENT {
            guard (try? store.trial(number)) != nil else { throw .notFound("no trial \(number) in run '\(name)'") }
            return ""
        }
        return try log(layout, number, stream).tail(bytes: bytes)
    }

    /// A trial's `stdout.log` or `stderr.log`, open: itself, no link.
    func log(_ layout: RunLayout, _ number: Int, _ stream: String) throws(DashboardError) -> ServedFile {
        let trial = try trialDirectory(layout, number)
        return try ServedFile.open(trial + "/\(stream).log", within: trial, exactly: true)
    }

    /// The last `bytes` of a log for the trial page: "" when there is none yet, a note when
    /// it is refused.
    func logTail(_ layout: RunLayout, _ number: Int, _ stream: String, bytes: Int) -> String {
        var info = stat()
        guard lstat(layout.trial(number).directory + "/\(stream).log", &info) == 0 else { return "" }
        do {
            return try log(layout, number, stream).tail(bytes: bytes)
        } catch {
            return "(not shown: \(error))"
        }
    }

    /// The trial's artifacts for its page; none when its artifacts directory (or the trial's)
    /// is not the directory hpo made (a link out of the run is not listed).
    func listedArtifacts(_ layout: RunLayout, _ number: Int) -> [Artifact] {
        guard let trial = try? trialDirectory(layout, number),
              ArtifactPath.realPath(layout.trial(number).artifacts) == trial + "/artifacts" else { return [] }
        return Artifact.list(in: layout, trials: [number])
    }
}
