import CNCurses
import Glibc

/// The self-pipe the event loop sleeps on beside stdin: signal handlers write the signal number,
/// the background thread writes `WakePipe.background`, so idle costs no CPU at all.
final class WakePipe: @unchecked Sendable {
    /// The byte that says "a background report is queued" (signal numbers are below 65).
    static let background: UInt8 = 0xFF
    let readFD: Int32
    let writeFD: Int32

    init() {
        var fds: [Int32] = [-1, -1]
        if dmaown_pipe_nonblocking(&fds) != 0 { fatalError("pipe2: \(errno)") }
        readFD = fds[0]; writeFD = fds[1]
    }

    /// Safe from any thread; a full pipe already guarantees a wake-up, so EAGAIN is fine.
    func wake(_ byte: UInt8) {
        var b = byte
        _ = write(writeFD, &b, 1)
    }

    /// Everything written since the last drain.
    func drain() -> [UInt8] {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readFD, &buf, buf.count)
            if n <= 0 { break }
            out += buf[0..<n]
        }
        return out
    }

    deinit { close(readFD); close(writeFD) }
}
