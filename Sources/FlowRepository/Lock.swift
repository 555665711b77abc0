import Foundation

/// One writer at a time per repository: `flowctl.lock` in the git folder shared by every worktree,
/// held with `flock`, so the kernel releases it when its holder exits or is killed and a crash
/// never leaves a lock that blocks. The file keeps the holder's pid, start time and command, for
/// the message a second writer gets. Readers take no lock.
final class RepositoryLock {
    let path: String
    private var descriptor: Int32 = -1
    private var depth = 0

    init(gitCommonDirectory: String) {
        path = gitCommonDirectory + "flowctl.lock"
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Runs `body` holding the lock, waiting up to `timeout` seconds for another writer to finish.
    /// Nested calls share the one lock.
    func withLock<T>(timeout: Double, command: String, _ body: () throws -> T) throws -> T {
        if depth == 0 { try acquire(timeout: timeout, command: command) }
        depth += 1
        defer {
            depth -= 1
            if depth == 0 { release() }
        }
        return try body()
    }

    /// Takes the lock without waiting; false when another process holds it.
    func tryAcquire(command: String) throws -> Bool {
        guard depth == 0 else { return true }
        let fd = try openFile()
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return false
        }
        descriptor = fd
        depth = 1
        recordHolder(command)
        return true
    }

    func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        close(descriptor)  // closing the descriptor releases the flock
        descriptor = -1
        depth = 0
    }

    private func acquire(timeout: Double, command: String) throws {
        let fd = try openFile()
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw WriteError.lockFailed(path: path, reason: reason)
            }
            guard Date() < deadline else {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                close(fd)
                throw WriteError.repositoryBusy(
                    lock: path, holder: holder.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            usleep(20_000)
        }
        descriptor = fd
        recordHolder(command)
    }

    private func openFile() throws -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw WriteError.lockFailed(path: path, reason: String(cString: strerror(errno))) }
        return fd
    }

    /// Writes who holds the lock, for the message another writer gets; best effort, as the lock
    /// itself is the flock.
    private func recordHolder(_ command: String) {
        let text = "pid \(getpid()), started \(ISO8601DateFormatter().string(from: Date())): \(command)\n"
        _ = ftruncate(descriptor, 0)
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }
}
