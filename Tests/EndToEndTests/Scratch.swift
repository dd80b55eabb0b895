import Foundation

/// A temporary folder for one test, removed when the test ends.
final class Scratch {
    let root: String

    init(_ label: String) throws {
        root = FileManager.default.temporaryDirectory.path + "/dmaown-\(label)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// A new empty folder `name` under the root, returned as a path.
    func folder(_ name: String) throws -> String {
        let path = root + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Copies the executable at `source` to `destination`, through a descriptor no spawned child
    /// inherits (O_CLOEXEC): tests spawn processes in parallel, and a child holding the copy open
    /// for writing would make running it fail with "Text file busy".
    func copyExecutable(_ source: String, to destination: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: source))
        let fd = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw HarnessError("cannot create \(destination)") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw HarnessError("short write to \(destination)") }
    }

    /// An environment with HOME and every XDG folder pointing at empty folders here, so nothing the
    /// test machine's user has configured (themes, preferences) can leak in.
    func emptyHome() throws -> [String: String] {
        [
            "HOME": try folder("home"), "XDG_CONFIG_HOME": try folder("config"), "XDG_DATA_HOME": try folder("data"),
            "XDG_CACHE_HOME": try folder("cache"), "XDG_STATE_HOME": try folder("state"),
            "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "dumb",
        ]
    }
}
