import Foundation
import Glibc

/// git's `http.lowSpeedLimit` and `http.lowSpeedTime` (or `GIT_HTTP_LOW_SPEED_LIMIT` and
/// `GIT_HTTP_LOW_SPEED_TIME`), for every transport: a connection that moves fewer than `limit`
/// bytes a second over `seconds` seconds is stalled, and is ended. libgit2 1.5 has no timeout
/// of its own and blocks in a read, so the watch shuts down the sockets the connection opened:
/// the read returns, libgit2 fails, and everything a failed transfer undoes is undone.
/// Without a setting: 1 byte a second over 120 seconds (git would wait for ever on a server
/// that accepts and never answers).
final class StallWatch: @unchecked Sendable {
    let limit: Int
    let seconds: Int
    private let lock = NSLock()
    private var bytes = 0
    private var finished = false
    private(set) var stalled = false
    private let socketsBefore: Set<Int32>

    init(limit: Int, seconds: Int) {
        (self.limit, self.seconds) = (max(limit, 1), max(seconds, 1))
        socketsBefore = Self.sockets()
    }

    /// The setting in `config` (lower-cased keys, as `configEntries` gives them) and
    /// `environment`, the environment first, as git reads them.
    static func settings(config: [String: String], environment: [String: String]) -> (limit: Int, seconds: Int) {
        let limit =
            environment["GIT_HTTP_LOW_SPEED_LIMIT"].flatMap { Int($0) }
            ?? config["http.lowspeedlimit"].flatMap { Int($0) }
        let seconds =
            environment["GIT_HTTP_LOW_SPEED_TIME"].flatMap { Int($0) }
            ?? config["http.lowspeedtime"].flatMap { Int($0) }
        return (limit ?? 1, seconds ?? 120)
    }

    /// Bytes moved (or 1 for any other sign of life: a credential asked, a host key checked).
    func activity(_ count: Int = 1) {
        lock.withLock { bytes += max(count, 1) }
    }

    func start() {
        let thread = Thread { [self] in watch() }
        thread.start()
    }

    func stop() { lock.withLock { finished = true } }

    private func watch() {
        let started = Date()
        var samples: [(time: Date, bytes: Int)] = [(started, 0)]
        while true {
            usleep(200_000)
            let (now, moved, done) = lock.withLock { (Date(), bytes, finished) }
            if done { return }
            samples.append((now, moved))
            let windowStart = now.addingTimeInterval(-Double(seconds))
            while samples.count > 1 && samples[1].time <= windowStart { samples.removeFirst() }
            guard samples[0].time <= windowStart else { continue }
            if moved - samples[0].bytes < limit * seconds {
                lock.withLock { stalled = true }
                for socket in Self.sockets().subtracting(socketsBefore) { shutdown(socket, Int32(SHUT_RDWR)) }
                return
            }
        }
    }

    /// The process's open sockets.
    private static func sockets() -> Set<Int32> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return Set(
            names.compactMap { Int32($0) }.filter { descriptor in
                var info = stat()
                return fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFSOCK
            })
    }
}
