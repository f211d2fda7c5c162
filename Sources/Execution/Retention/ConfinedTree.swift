import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// Measuring and deleting files below one directory without ever leaving it: every step is
/// an `openat` or `unlinkat` relative to a descriptor already open, with `O_NOFOLLOW`, so a
/// symbolic link met on the way is removed as a link and never followed, and a directory on
/// another mount (another `st_dev`, or another statx mount id: a bind mount) is left whole.
/// Path strings are never re-resolved, so a link put in place after the check is not
/// followed either.
///
/// Why not `FileManager.removeItem`: it resolves the path it is given, so when a trial turned
/// its `artifacts/` into a link to scratch storage, deleting `artifacts/model.pt` deletes
/// the file in scratch storage.
struct ConfinedTree {
    /// The directory nothing is removed above (a run's directory); it is opened following
    /// links, as the person may keep runs behind a link.
    let base: String

    /// Why an entry was not removed.
    struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// What is at `relative` below `base`, looked at without following a link.
    enum Kind: Equatable { case missing, file, link, directory, mountPoint }

    /// The kind of the entry at `relative` (components joined by `/`).
    func kind(of relative: String) -> Kind {
        guard let (parent, name) = try? openParent(of: relative) else { return .missing }
        defer { close(parent.fd) }
        guard let info = ConfinedTree.lstat(parent.fd, name) else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return .link
        case S_IFDIR: return ConfinedTree.sameMount(parent, name, info) ? .directory : .mountPoint
        default: return .file
        }
    }

    /// Bytes of the entry at `relative`: a file's size, or the sizes of the regular files
    /// below a directory on the same mount; 0 for a link (what it points to is not the run's).
    func bytes(of relative: String) -> Int64 {
        guard let (parent, name) = try? openParent(of: relative) else { return 0 }
        defer { close(parent.fd) }
        return ConfinedTree.bytes(parent, name)
    }

    /// Removes the entry at `relative`: a file or link is unlinked, a directory emptied
    /// depth first and removed. Stops at the first entry it cannot remove.
    /// - Throws: `Refusal` naming the entry and why (a mount point, a permission, a link
    ///   where a directory was).
    func remove(_ relative: String) throws(Refusal) {
        let (parent, name) = try openParent(of: relative)
        defer { close(parent.fd) }
        try ConfinedTree.remove(parent, name, shown: base + "/" + relative)
    }

    /// Makes the directory `relative` when nothing is there (after a link in its place went).
    func makeDirectory(_ relative: String) {
        guard let (parent, name) = try? openParent(of: relative) else { return }
        defer { close(parent.fd) }
        _ = mkdirat(parent.fd, name, 0o755)
    }

    // MARK: - Descriptors

    /// An open directory and the file system and mount it is on.
    struct Directory {
        let fd: Int32
        let device: dev_t
        let mount: UInt64?
    }

    /// The directory holding the last component of `relative`, opened component by
    /// component without following links or crossing a mount; and that last component.
    private func openParent(of relative: String) throws(Refusal) -> (Directory, String) {
        var components = relative.split(separator: "/").map(String.init)
        guard let name = components.popLast(), !components.contains("..") && name != ".." else {
            throw Refusal(reason: "\(relative) is not a path inside \(base)")
        }
        let fd = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Refusal(reason: "cannot open \(base): \(String(cString: strerror(errno)))") }
        var directory = ConfinedTree.describe(fd, mount: ConfinedTree.mountID(fd, "."))
        for component in components {
            do throws(Refusal) {
                let child = try ConfinedTree.openChild(directory, component, shown: base + "/" + component)
                close(directory.fd)
                directory = child
            } catch {
                close(directory.fd)
                throw error
            }
        }
        return (directory, name)
    }

    /// Opens directory `name` in `parent`, refusing a link or another mount.
    private static func openChild(_ parent: Directory, _ name: String, shown: String) throws(Refusal) -> Directory {
        guard let info = lstat(parent.fd, name) else {
            throw Refusal(reason: "\(shown): \(String(cString: strerror(errno)))")
        }
        if info.st_mode & S_IFMT == S_IFLNK { throw Refusal(reason: "\(shown) is a symbolic link; it is not followed") }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw Refusal(reason: "\(shown) is not a directory") }
        guard sameMount(parent, name, info) else {
            throw Refusal(reason: "\(shown) is a mount point; hpo clean does not cross into another file system")
        }
        let fd = openat(parent.fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw Refusal(reason: "cannot open \(shown): \(String(cString: strerror(errno)))") }
        let child = describe(fd, mount: mountID(parent.fd, name))
        // Replaced between the look and the open (by a mount over it): refuse.
        guard child.device == parent.device, child.mount == nil || child.mount == parent.mount else {
            close(fd)
            throw Refusal(reason: "\(shown) is a mount point; hpo clean does not cross into another file system")
        }
        return child
    }

    private static func describe(_ fd: Int32, mount: UInt64?) -> Directory {
        var info = stat()
        fstat(fd, &info)
        return Directory(fd: fd, device: info.st_dev, mount: mount)
    }

    private static func lstat(_ dirfd: Int32, _ name: String) -> stat? {
        var info = stat()
        return fstatat(dirfd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? info : nil
    }

    /// The mount id of `name` in `dirfd`, nil where the kernel does not report one.
    private static func mountID(_ dirfd: Int32, _ name: String) -> UInt64? {
        var id: UInt64 = 0
        return hpo_mount_id(dirfd, name, &id) == 0 ? id : nil
    }

    /// True when directory `name` (whose `lstat` is `info`) is on `parent`'s mount.
    private static func sameMount(_ parent: Directory, _ name: String, _ info: stat) -> Bool {
        guard info.st_dev == parent.device else { return false }
        guard let mount = parent.mount, let own = mountID(parent.fd, name) else { return true }
        return own == mount
    }

    /// The names in an open directory, `.` and `..` left out.
    private static func names(in directory: Directory) -> [String]? {
        let copy = dup(directory.fd)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return nil
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    // MARK: - Walking

    private static func bytes(_ parent: Directory, _ name: String) -> Int64 {
        guard let info = lstat(parent.fd, name) else { return 0 }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return Int64(info.st_size)
        case S_IFDIR:
            guard let child = try? openChild(parent, name, shown: name) else { return 0 }
            defer { close(child.fd) }
            return (names(in: child) ?? []).reduce(0) { $0 + bytes(child, $1) }
        default: return 0
        }
    }

    private static func remove(_ parent: Directory, _ name: String, shown: String) throws(Refusal) {
        guard let info = lstat(parent.fd, name) else {
            if errno == ENOENT { return }  // gone already: what was asked is done
            throw Refusal(reason: "\(shown): \(String(cString: strerror(errno)))")
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            let child = try openChild(parent, name, shown: shown)
            do throws(Refusal) {
                guard let entries = names(in: child) else {
                    throw Refusal(reason: "cannot list \(shown): \(String(cString: strerror(errno)))")
                }
                for entry in entries { try remove(child, entry, shown: shown + "/" + entry) }
                close(child.fd)
            } catch {
                close(child.fd)
                throw error
            }
            guard unlinkat(parent.fd, name, AT_REMOVEDIR) == 0 || errno == ENOENT else {
                throw Refusal(reason: "cannot delete \(shown): \(String(cString: strerror(errno)))")
            }
            return
        }
        // A file, or a link (unlinked itself: what it points to is not the run's).
        guard unlinkat(parent.fd, name, 0) == 0 || errno == ENOENT else {
            throw Refusal(reason: "cannot delete \(shown): \(String(cString: strerror(errno)))")
        }
    }
}
