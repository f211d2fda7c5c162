import Execution
import Foundation

/// The options that say where trials run and what they read: the workspace snapshot and
/// the datastores.
extension SweepOptions {
    /// The snapshot to take at a new run's start; nil with `--no-snapshot`.
    func snapshotRequest() throws -> SnapshotRequest? {
        if noSnapshot {
            if workspace != nil { throw InputError("--workspace and --no-snapshot: choose one") }
            return nil
        }
        let current = FileManager.default.currentDirectoryPath
        let source = workspace.map { $0.hasPrefix("/") ? $0 : RunLayout.join(current, $0) } ?? current
        var isDirectory: ObjCBool = false
        if let workspace, !(FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw InputError("--workspace \(workspace): no such directory (give the directory the trials should run in, "
                             + "or --no-snapshot to run in place)")
        }
        let limit = try snapshotLimit.map { try ByteSizeText.parse($0, option: "--snapshot-limit") }
        return SnapshotRequest(source: source, sizeLimit: limit ?? WorkspaceSnapshot.defaultSizeLimit)
    }

    /// The `--datastore` flags over `base` (a resumed run's stored datastores): a flag
    /// replaces an entry of the same name. `Sweep.prepare` puts them over the sweep file's
    /// `datastores:` and checks each directory.
    func datastoreFlags(over base: [Datastore] = []) throws -> [Datastore] {
        do {
            return Datastore.merged(base, over: try datastore.map { try Datastore(specification: $0) })
        } catch {
            throw InputError("--datastore: \(error)")
        }
    }

    /// True when a workspace option was given: `hpo resume` refuses them.
    var givesWorkspaceOptions: Bool { workspace != nil || noSnapshot || snapshotLimit != nil }
}

/// Sizes on the command line: `1024` (bytes), `500K`, `500M`, `2G`, `1.5GiB`, `1T`.
enum ByteSizeText {
    static func parse(_ text: String, option: String) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        var unit = trimmed.dropFirst(digits.count).lowercased()
        if unit.hasSuffix("ib") { unit.removeLast(2) } else if unit.hasSuffix("b") { unit.removeLast() }
        let powers = ["": 0, "k": 1, "m": 2, "g": 3, "t": 4]
        guard let number = Double(digits), number >= 0, let power = powers[unit] else {
            throw InputError("\(option) \"\(text)\": give a size such as 500M, 2G or 1073741824 (bytes)")
        }
        return Int64(number * pow(1024, Double(power)))
    }
}
