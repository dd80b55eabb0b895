import Foundation

/// A temporary folder for one test, removed when the test ends, pass or fail: the one way tests
/// make files (scenarios, traces, themes, progress files, sysfs trees, XDG homes, tmux configs).
///
/// Hold it in a `let` for the whole test; its `deinit` removes the folder when the test returns,
/// throws or stops at a failed `#require`. The name is `dmaown-LABEL-UUID` in the temporary
/// directory (`TMPDIR`), unique because tests run in parallel. Nothing else in `Tests/` names the
/// temporary directory (`TemporaryFilesTests` checks).
public final class Scratch {
    /// The folder's path.
    public let root: String

    public init(_ label: String) throws {
        root = FileManager.default.temporaryDirectory.path + "/dmaown-\(label)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { Self.remove(root) }

    /// `relative` under the root, created by nobody (for the program under test to write).
    public func path(_ relative: String) -> String { root + "/" + relative }

    /// A new empty folder `relative` under the root (and any folders above it), returned as a path.
    @discardableResult
    public func folder(_ relative: String) throws -> String {
        let path = path(relative)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A new empty folder `prefix-N` under the root, N counting from 1: for a test that needs
    /// several (two sysfs roots, an output folder beside an input one).
    public func uniqueFolder(_ prefix: String) throws -> String {
        made += 1
        return try folder("\(prefix)-\(made)")
    }
    private var made = 0

    /// Writes `text` at `relative` under the root, creating the folders above it; returns the path.
    @discardableResult
    public func file(_ relative: String, _ text: String) throws -> String {
        try file(relative, bytes: Data(text.utf8))
    }

    /// Writes `bytes` at `relative` under the root, creating the folders above it; returns the path.
    @discardableResult
    public func file(_ relative: String, bytes: Data) throws -> String {
        let path = path(relative)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Copies the executable at `source` to `destination`, through a descriptor no spawned child
    /// inherits (O_CLOEXEC): tests spawn processes in parallel, and a child holding the copy open
    /// for writing would make running it fail with "Text file busy".
    public func copyExecutable(_ source: String, to destination: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: source))
        let fd = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw ScratchError("cannot create \(destination)") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw ScratchError("short write to \(destination)") }
    }

    /// An environment with HOME, every XDG folder and TMPDIR pointing at empty folders here, so
    /// nothing the test machine's user has configured (themes, preferences) can leak in, and
    /// nothing the program writes lands outside the scratch folder.
    public func emptyHome() throws -> [String: String] {
        [
            "HOME": try folder("home"), "XDG_CONFIG_HOME": try folder("config"), "XDG_DATA_HOME": try folder("data"),
            "XDG_CACHE_HOME": try folder("cache"), "XDG_STATE_HOME": try folder("state"), "TMPDIR": try folder("tmp"),
            "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "dumb",
        ]
    }

    /// Removes `path` and everything below it; a folder a test made unreadable (`chmod 0`) is
    /// made readable again first, so even a user other than root can remove it.
    static func remove(_ path: String) {
        let fm = FileManager.default
        if (try? fm.removeItem(atPath: path)) != nil || !fm.fileExists(atPath: path) { return }
        var folders = [path]
        while let folder = folders.popLast() {
            chmod(folder, 0o700)
            for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] {
                let child = folder + "/" + name
                var st = stat()
                if lstat(child, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { folders.append(child) }
            }
        }
        try? fm.removeItem(atPath: path)
    }
}

public struct ScratchError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
