import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file a trial left in its `HPO_ARTIFACTS_DIR` (`trials/<n>/artifacts/`).
public struct Artifact: Hashable, Sendable {
    /// The trial that made it.
    public var trial: Int
    /// Its path below the trial's artifacts directory (`model/best.pt`).
    public var path: String
    /// Its size in bytes.
    public var size: Int64
    /// Its absolute location.
    public var location: String

    /// An artifact as found.
    public init(trial: Int, path: String, size: Int64, location: String) {
        self.trial = trial
        self.path = path
        self.size = size
        self.location = location
    }

    /// The regular files below the artifacts directories of `trials` of the run in
    /// `layout`, by trial then path; with `matching`, only those whose path it matches
    /// (anywhere in the path, like `grep`). Links are not followed: a trial's link to a
    /// dataset is not its artifact.
    public static func list(in layout: RunLayout, trials: [Int], matching: Regex<AnyRegexOutput>? = nil) -> [Artifact] {
        var found: [Artifact] = []
        for trial in trials.sorted() {
            let base = layout.trial(trial).artifacts
            for (path, size) in files(below: base, relative: "") {
                if let matching, (try? matching.firstMatch(in: path)) == nil { continue }
                found.append(Artifact(trial: trial, path: path, size: size, location: base + "/" + path))
            }
        }
        return found
    }

    /// Regular files below `directory`, sorted, with sizes; a missing directory has none.
    static func files(below directory: String, relative: String) -> [(String, Int64)] {
        let here = relative.isEmpty ? directory : directory + "/" + relative
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: here) else { return [] }
        var result: [(String, Int64)] = []
        for name in names.sorted() {
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(directory + "/" + path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: result += files(below: directory, relative: path)
            case S_IFREG: result.append((path, Int64(info.st_size)))
            default: continue
            }
        }
        return result
    }

    /// Copies `artifacts` into `directory`: each to `<directory>/<path>`, or with
    /// `perTrial` to `<directory>/<trial>/<path>`. Refuses, before copying anything, when a
    /// destination already exists, so nothing of the person's is overwritten.
    public static func download(_ artifacts: [Artifact], to directory: String, perTrial: Bool) throws(ArtifactError)
        -> [String] {
        let destinations = artifacts.map { artifact in
            directory + "/" + (perTrial ? "\(artifact.trial)/" : "") + artifact.path
        }
        if let taken = destinations.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw .destinationExists(taken)
        }
        for (artifact, destination) in zip(artifacts, destinations) {
            do {
                try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: artifact.location, toPath: destination)
            } catch {
                throw .copyFailed(from: artifact.location, to: destination, reason: error.localizedDescription)
            }
        }
        return destinations
    }
}

/// Why artifacts could not be downloaded.
public enum ArtifactError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A file of that name is already at the destination.
    case destinationExists(String)
    /// Copying failed.
    case copyFailed(from: String, to: String, reason: String)

    public var description: String {
        switch self {
        case .destinationExists(let path):
            return "\(path) already exists; nothing was copied (choose an empty --download directory)"
        case .copyFailed(let from, let to, let reason):
            return "cannot copy \(from) to \(to): \(reason)"
        }
    }
}
