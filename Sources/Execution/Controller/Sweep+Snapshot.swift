import Foundation

extension Sweep {
    /// Copies the workspace into the run, telling `observer` its size (and warning first
    /// when it is over the limit), what was left out, the command's arguments that name
    /// something left out, and what each trial's own copy will cost.
    static func takeSnapshot(_ request: SnapshotRequest, root: String, layout: RunLayout, spec: SweepSpec, start: String,
                             observer: (ControllerEvent) -> Void) throws -> WorkspaceSnapshot {
        let scan = try WorkspaceScan(root: request.source, excluding: [root])
        if scan.totalBytes > request.sizeLimit {
            let largest = scan.bytesByTopLevel.sorted { $0.value > $1.value }.prefix(3)
                .map { "\($0.key) \(ByteCount.text($0.value))" }.joined(separator: ", ")
            observer(.notice("warning: the workspace snapshot is \(ByteCount.text(scan.totalBytes)), over the limit of "
                             + "\(ByteCount.text(request.sizeLimit)) (largest: \(largest)); list what trials do not need "
                             + "in \(scan.ignoreFileNames[0]), raise --snapshot-limit, or use --no-snapshot to run in place"))
        }
        for skipped in scan.skipped.prefix(10) { observer(.notice("workspace snapshot: skipped \(skipped)")) }
        if scan.skipped.count > 10 { observer(.notice("workspace snapshot: \(scan.skipped.count - 10) more skipped")) }
        let snapshot = try WorkspaceSnapshot.copy(scan, into: layout.workspace)
        let startDirectory = WorkspaceScan.realPath(start) ?? start
        let named = startDirectory == scan.root || startDirectory.hasPrefix(scan.root + "/")
            ? IgnoredArgument.find(in: IgnoredArgument.candidates(spec.command, space: spec.space), start: startDirectory,
                                   scan: scan)
            : []
        observer(.notice(snapshotLine(snapshot, scan: scan, named: named, reflinks: WorkspaceClone.reflinksWork(
            in: layout.trialsDirectory))))
        return snapshot
    }

    /// `workspace snapshot: 350 files, 1.3 MiB from /src/proj (2 ignored by .gitignore/.dockerignore);
    /// each trial runs in its own copy of it, trials/<n>/work (copied: 1.3 MiB a trial)`, and
    /// when the command names ignored paths, which and how to reach them.
    static func snapshotLine(_ snapshot: WorkspaceSnapshot, scan: WorkspaceScan, named: [IgnoredArgument],
                             reflinks: Bool) -> String {
        var line = "workspace snapshot: \(snapshot.files) files, \(ByteCount.text(snapshot.bytes)) from \(snapshot.source) "
            + (snapshot.ignored == 0 ? "(0 ignored)" : "(\(snapshot.ignored) ignored by \(scan.ignoreFileNames.joined(separator: "/")))")
        line += "; each trial runs in its own copy of it, trials/<n>/work ("
            + (reflinks ? "reflinked: it shares the snapshot's blocks" : "copied: \(ByteCount.text(snapshot.bytes)) a trial")
            + ")"
        if !named.isEmpty {
            func unique(_ paths: [String]) -> [String] { paths.reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
            let directories = unique(named.filter(\.entryIsDirectory).map(\.absoluteEntry))
            let files = unique(named.filter { !$0.entryIsDirectory }.map(\.absoluteEntry))
            var ways: [String] = []
            if !directories.isEmpty {
                ways.append("give " + directories.map { "--datastore NAME=\($0)" }.joined(separator: " ")
                            + " and read $HPO_DATA_NAME")
            }
            if !files.isEmpty { ways.append("name " + files.joined(separator: ", ") + " by its absolute path") }
            ways.append("run in place with --no-snapshot")
            line += "; warning: the command names \(named.map(\.description).joined(separator: ", ")), left out of the "
                + "snapshot, so the trials will not find \(named.count == 1 ? "it" : "them"): "
                + ways.dropLast().joined(separator: ", ") + ", or " + ways.last!
        }
        return line
    }
}
