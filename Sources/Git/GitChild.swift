import Foundation
import Glibc

/// git's own command run as a child of flowctl: for a repository on this machine, git's
/// `receive-pack`, `upload-pack` and `fetch-pack` do what git users expect (hooks) and do it
/// faster than libgit2's local transport. What the child writes to stderr (and, when asked,
/// stdout) goes to files removed as soon as they are open, so a flowctl killed mid-transfer
/// leaves nothing behind, and a full pipe can never stop the child.
struct GitChild {
    let pid: pid_t
    let program: String
    /// The child's stderr: a file with no name.
    let errors: Int32

    /// Starts `git ARGUMENTS` (`program` is the word after any `--git-dir`, to name it in
    /// errors). `input`/`output`: descriptors for its stdin and stdout, or /dev/null;
    /// `closing`: descriptors of the parent's the child must not keep.
    static func start(
        _ arguments: [String], program: String, environment: [String: String], input: Int32? = nil,
        output: Int32? = nil, closing: [Int32] = []
    ) throws -> GitChild {
        guard let git = onPath("git", environment: environment) else {
            throw LocalServiceError(
                description:
                    "a repository on this machine is reached through git's \(program), as git does, so that "
                    + "its hooks run; git is not installed (no git on PATH)")
        }
        let errors = try unnamedFile(for: program)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        if let output {
            posix_spawn_file_actions_adddup2(&actions, output, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, errors, 2)
        for descriptor in closing { posix_spawn_file_actions_addclose(&actions, descriptor) }
        var pid: pid_t = 0
        let result = withCStrings([git] + arguments) { argv in
            withCStrings(environment.map { "\($0.key)=\($0.value)" }) { variables in
                posix_spawn(&pid, git, &actions, nil, argv, variables)
            }
        }
        guard result == 0 else {
            close(errors)
            throw LocalServiceError(description: "could not run git \(program): \(String(cString: strerror(result)))")
        }
        return GitChild(pid: pid, program: program, errors: errors)
    }

    /// Waits for the child; true when it exited with 0. Closes the errors file after `said`
    /// has read it.
    func finish(_ said: ((String) -> Void)? = nil) -> Bool {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        said?(errorText)
        close(errors)
        return status & 0x7f == 0 && (status >> 8) & 0xff == 0
    }

    /// What the child said on stderr so far, trimmed.
    var errorText: String {
        String(decoding: Self.contents(of: errors), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A new file in the temporary folder, open for reading and writing and already removed.
    /// A `TMPDIR` that cannot take it (gone, read-only) is passed over for /tmp: git's own
    /// transfers do not depend on it either.
    static func unnamedFile(for program: String) throws -> Int32 {
        var reason = ""
        for folder in [NSTemporaryDirectory(), "/tmp/"] {
            let path =
                folder + (folder.hasSuffix("/") ? "" : "/") + "flowctl-\(program)-\(getpid())-\(UUID().uuidString)"
            let file = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(0o600))
            guard file >= 0 else {
                if reason.isEmpty { reason = "\(folder): \(String(cString: strerror(errno)))" }
                continue
            }
            unlink(path)
            return file
        }
        throw LocalServiceError(description: "could not make a file for git \(program) in \(reason)")
    }

    /// What a file descriptor's file holds, from its start.
    static func contents(of file: Int32) -> [UInt8] {
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = pread(file, &buffer, buffer.count, off_t(bytes.count))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return bytes }
            bytes += buffer[..<count]
        }
    }

    static func onPath(_ name: String, environment: [String: String]) -> String? {
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

struct LocalServiceError: Error, CustomStringConvertible {
    var description: String
}
