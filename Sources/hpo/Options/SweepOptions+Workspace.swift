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

    /// The datastores: the sweep file's, then `--datastore` flags (a flag replaces a file
    /// entry of the same name), each checked to be a readable directory.
    func datastores(for spec: SweepSpec, over base: [Datastore] = []) throws -> [Datastore] {
        var result = base
        func add(_ datastore: Datastore) {
            if let i = result.firstIndex(where: { $0.name == datastore.name }) {
                result[i] = datastore
            } else {
                result.append(datastore)
            }
        }
        do {
            for entry in spec.datastores { add(try Datastore(name: entry.name, path: entry.path)) }
            for text in datastore { add(try Datastore(specification: text)) }
            for datastore in result { try datastore.check() }
        } catch {
            throw InputError("--datastore: \(error)")
        }
        return result
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
