import Foundation
import Glibc

/// A git server from Debian's packages, started on 127.0.0.1 for one test over the bare
/// repositories in `root`, and stopped when the test lets go of it. A server that does not
/// start fails the test with what it said, never skips it.
public final class GitServer {
    public enum Kind { case daemon, http, ssh }

    public let port: Int
    public let root: String
    public let kind: Kind
    private let pid: Int32
    private let logPath: String

    /// `git daemon`, serving git:// with pushes allowed.
    public static func daemon(root: String) throws -> GitServer {
        let port = closedPort()
        return try GitServer(
            kind: .daemon, root: root, port: port, program: "/usr/lib/git-core/git-daemon",
            arguments: [
                "--reuseaddr", "--export-all", "--enable=receive-pack", "--base-path=\(root)",
                "--listen=127.0.0.1", "--port=\(port)", root,
            ])
    }

    /// `git http-backend` as a CGI program of lighttpd, behind basic authentication: `user` with
    /// `password` may fetch and push.
    public static func http(root: String, user: String, password: String) throws -> GitServer {
        let port = closedPort()
        let folder = root + "/.lighttpd"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "\(user):\(password)\n".write(toFile: folder + "/users", atomically: true, encoding: .utf8)
        let config = """
            server.modules = ("mod_alias", "mod_cgi", "mod_setenv", "mod_auth", "mod_authn_file")
            server.document-root = "\(root)"
            server.bind = "127.0.0.1"
            server.port = \(port)
            server.errorlog = "\(folder)/error.log"
            alias.url = ("/git" => "/usr/lib/git-core/git-http-backend")
            $HTTP["url"] =~ "^/git" {
                cgi.assign = ("" => "")
                setenv.add-environment = ("GIT_PROJECT_ROOT" => "\(root)", "GIT_HTTP_EXPORT_ALL" => "")
            }
            auth.backend = "plain"
            auth.backend.plain.userfile = "\(folder)/users"
            auth.require = ("/git" => ("method" => "basic", "realm" => "flows", "require" => "valid-user"))
            """
        try config.write(toFile: folder + "/lighttpd.conf", atomically: true, encoding: .utf8)
        return try GitServer(
            kind: .http, root: root, port: port, program: "/usr/sbin/lighttpd",
            arguments: ["-D", "-f", folder + "/lighttpd.conf"])
    }

    /// Debian's OpenSSH server on 127.0.0.1 with a host key of its own, letting in whoever holds
    /// `authorizedKey` (a public key line) as the current user.
    public static func ssh(root: String, authorizedKey: String) throws -> GitServer {
        let port = closedPort()
        let folder = root + "/.sshd"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        _ = try runTool("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", folder + "/host_key"])
        try (authorizedKey + "\n").write(toFile: folder + "/authorized_keys", atomically: true, encoding: .utf8)
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(folder)/host_key
            AuthorizedKeysFile \(folder)/authorized_keys
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            PidFile \(folder)/sshd.pid
            """
        try config.write(toFile: folder + "/sshd_config", atomically: true, encoding: .utf8)
        return try GitServer(
            kind: .ssh, root: root, port: port, program: "/usr/sbin/sshd",
            arguments: ["-D", "-e", "-f", folder + "/sshd_config"])
    }

    /// The host key line for `~/.ssh/known_hosts`, as `ssh-keyscan` would write it.
    public var knownHostsLine: String {
        get throws {
            let key = try String(contentsOfFile: root + "/.sshd/host_key.pub", encoding: .utf8)
            let fields = key.split(separator: " ")
            return "[127.0.0.1]:\(port) \(fields[0]) \(fields[1])"
        }
    }

    /// The URL of bare repository `name` under the root.
    public func url(_ name: String, user: String? = nil) -> String {
        switch kind {
        case .daemon: "git://127.0.0.1:\(port)/\(name)"
        case .http: "http://\(user.map { "\($0)@" } ?? "")127.0.0.1:\(port)/git/\(name)"
        case .ssh: "ssh://\(user ?? NSUserName())@127.0.0.1:\(port)\(root)/\(name)"
        }
    }

    private init(kind: Kind, root: String, port: Int, program: String, arguments: [String]) throws {
        self.kind = kind
        self.root = root
        self.port = port
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw ServerError(description: "\(program) is missing: run scripts/install-deps --tests")
        }
        // Spawned directly, in a session of its own, and reaped here: not through Foundation's
        // Process, whose exit watching lost track of other children (a finished flowctl stayed a
        // zombie, its waitUntilExit never returned) while such a forking server ran.
        logPath = root + "/.\(kind)-\(port).log"
        pid = try spawn(program, arguments, log: logPath, newSession: true)
        let deadline = Date().addingTimeInterval(20)
        while !HTTPBin.accepts(port: port) {
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == 0, Date() < deadline else {
                kill(-pid, SIGKILL)
                let said = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                throw ServerError(description: "\(program) did not start: \(said)")
            }
            usleep(50_000)
        }
    }

    deinit {
        // The whole session: the server and any process it forked for a connection.
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    struct ServerError: Error, CustomStringConvertible { var description: String }
}

/// Runs a tool to its end, its output in a file; its standard output. A tool that fails fails
/// the caller with what it said: a step that did not happen must not look as if it had.
/// Spawned and reaped here, as the servers are (see `GitServer`).
@discardableResult
public func runTool(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
    let (status, output) = try runToolStatus(program, arguments, environment: environment)
    guard status == 0 else {
        throw GitServer.ServerError(
            description: "\(program) \(arguments.joined(separator: " ")) exited \(status): \(output)")
    }
    return output
}

/// Runs a tool to its end; its exit status (128 + the signal if one ended it) and its output.
public func runToolStatus(
    _ program: String, _ arguments: [String], environment: [String: String]? = nil
) throws -> (status: Int32, output: String) {
    let output = NSTemporaryDirectory() + "flowctl-tool-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: output) }
    let pid = try spawn(program, arguments, log: output, environment: environment)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
    let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (code, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
}

/// posix_spawn: standard output and error to `log`, no standard input.
public func spawn(
    _ program: String, _ arguments: [String], log: String, environment: [String: String]? = nil,
    newSession: Bool = false
) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // POSIX_SPAWN_SETSID (0x80 in glibc): a macro Swift does not import.
    if newSession { posix_spawnattr_setflags(&attributes, 0x80) }
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    let environ = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        environ.forEach { free($0) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, program, &actions, &attributes, argv, environ)
    guard result == 0 else {
        throw GitServer.ServerError(description: "cannot start \(program): \(String(cString: strerror(result)))")
    }
    return pid
}
