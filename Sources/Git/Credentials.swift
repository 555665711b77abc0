import CLibGit2
import Foundation

/// Credentials from where git users keep them: ssh-agent and `~/.ssh` keys for ssh; git's
/// credential helpers (`git credential fill`, which also asks through `GIT_ASKPASS` or the
/// terminal) for https. libgit2 asks again after a refusal: each source is tried once, then the
/// transfer fails with one sentence saying what was tried. Nothing is printed or stored here.
final class Credentials {
    let environment: [String: String]
    private var sshSources: [SSHSource]?
    private var filled: [String: String]?
    private var refused = false
    private var answeredThisConnection = false

    /// Each fetch, push or listing is a connection of its own, which asks for credentials anew.
    func startConnection() {
        answeredThisConnection = false
        sshSources = nil
        triedSSH = []
    }

    private enum SSHSource {
        case agent
        case key(privatePath: String, publicPath: String?)

        var name: String {
            switch self {
            case .agent: "ssh-agent"
            case .key(let path, _): path
            }
        }
    }

    init(environment: [String: String]) { self.environment = environment }

    private var home: String { environment["HOME"] ?? NSHomeDirectory() }

    func acquire(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?, url: String, user: String?,
        allowed: UInt32,
        failure: inout String?
    ) -> Int32 {
        let sshUser = user ?? environment["USER"] ?? NSUserName()
        if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 {
            return git_credential_username_new(out, sshUser)
        }
        if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 {
            return sshKey(out, url: url, user: sshUser, failure: &failure)
        }
        if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 {
            return password(out, url: url, user: user, failure: &failure)
        }
        failure = "\(url): the server asks for a kind of credential flowctl cannot give"
        return GIT_EAUTH.rawValue
    }

    private func sshKey(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?, url: String, user: String,
        failure: inout String?
    ) -> Int32 {
        if sshSources == nil {
            var sources: [SSHSource] = environment["SSH_AUTH_SOCK"].map { _ in [.agent] } ?? []
            for name in ["id_ed25519", "id_ecdsa", "id_rsa"] {
                let path = "\(home)/.ssh/\(name)"
                guard FileManager.default.isReadableFile(atPath: path) else { continue }
                let publicPath = FileManager.default.fileExists(atPath: path + ".pub") ? path + ".pub" : nil
                sources.append(.key(privatePath: path, publicPath: publicPath))
            }
            sshSources = sources
        }
        guard let source = sshSources?.first else {
            let tried = triedSSH.isEmpty ? "no ssh-agent and no key in \(home)/.ssh" : triedSSH.joined(separator: ", ")
            failure = "ssh: the server accepted no key for \(user) (tried \(tried))"
            return GIT_EAUTH.rawValue
        }
        sshSources?.removeFirst()
        triedSSH.append(source.name)
        switch source {
        case .agent: return git_credential_ssh_key_from_agent(out, user)
        case .key(let privatePath, let publicPath):
            return git_credential_ssh_key_new(out, user, publicPath, privatePath, nil)
        }
    }

    private var triedSSH: [String] = []

    private func password(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?, url: String, user: String?,
        failure: inout String?
    ) -> Int32 {
        let host = URL(string: url)?.host ?? url
        // The URL's own scheme: an http:// remote is not https.
        let scheme = URL(string: url)?.scheme ?? "https"
        // A new connection asks again for what worked on the last one; asked twice on one
        // connection, the server refused it.
        if let filled, !refused, !answeredThisConnection, let name = filled["username"],
            let secret = filled["password"]
        {
            answeredThisConnection = true
            return git_credential_userpass_plaintext_new(out, name, secret)
        }
        if let filled, !refused {
            // Asked again: the server refused what the helpers gave. Tell them, and stop.
            refused = true
            _ = runCredential("reject", filled)
            failure =
                "\(scheme): \(host) refused the credentials for \(filled["username"] ?? "?"); "
                + "git's credential helpers were told to forget them"
            return GIT_EAUTH.rawValue
        }
        guard !refused else { return GIT_EAUTH.rawValue }
        var request = ["url": url]
        if let user { request["username"] = user }
        var said = ""
        guard let answer = runCredential("fill", request, errors: &said), let name = answer["username"],
            let secret = answer["password"]
        else {
            refused = true
            // git's own "fatal: could not read Username ..." is not for the user: what to do is.
            let why = said.contains("terminal prompts disabled") ? " and could not ask (terminal prompts are off)" : ""
            failure =
                "\(scheme): \(host) needs credentials: git's credential helpers gave none\(why); "
                + "keep them with a helper ('git config --global credential.helper store', or your system's), "
                + "or set GIT_ASKPASS to a program that answers"
            return GIT_EAUTH.rawValue
        }
        filled = answer
        answeredThisConnection = true
        return git_credential_userpass_plaintext_new(out, name, secret)
    }

    /// After a transfer that worked: the helpers keep what they gave, as after a git fetch.
    func approve() {
        if let filled, !refused { _ = runCredential("approve", filled) }
    }

    /// Runs `git credential ACTION` with `fields` on its standard input; its answer's fields.
    private func runCredential(_ action: String, _ fields: [String: String]) -> [String: String]? {
        var said = ""
        return runCredential(action, fields, errors: &said)
    }

    /// `errors`: what git said on its stderr (its prompts go to the terminal itself, not there).
    private func runCredential(_ action: String, _ fields: [String: String], errors: inout String) -> [String: String]?
    {
        let text =
            fields.sorted { $0.key == "url" ? true : $1.key == "url" ? false : $0.key < $1.key }
            .map { "\($0.key)=\($0.value)\n" }.joined() + "\n"
        guard
            let answer = runTool(["git", "credential", action], environment: environment, input: text, errors: &errors)
        else {
            return nil
        }
        var result: [String: String] = [:]
        for line in answer.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            result[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return result
    }
}

/// Runs a tool found on PATH to its end, with `input` on its standard input; its standard
/// output, or nil when it fails to start or exits non-zero. What it says on its stderr comes
/// back in `errors` (git's prompts use the terminal itself, or GIT_ASKPASS).
private func runTool(_ arguments: [String], environment: [String: String], input: String = "") -> String? {
    var errors = ""
    return runTool(arguments, environment: environment, input: input, errors: &errors)
}

private func runTool(_ arguments: [String], environment: [String: String], input: String = "", errors: inout String)
    -> String?
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.environment = environment
    let (stdin, stdout) = (Pipe(), Pipe())
    let stderr = FileManager.default.temporaryDirectory.appendingPathComponent("flowctl-\(UUID().uuidString)")
    guard FileManager.default.createFile(atPath: stderr.path, contents: nil),
        let errorFile = try? FileHandle(forWritingTo: stderr)
    else { return nil }
    defer { try? FileManager.default.removeItem(at: stderr) }
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = errorFile
    guard (try? process.run()) != nil else { return nil }
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try? stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? errorFile.close()
    errors = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
    return process.terminationStatus == 0 ? String(decoding: output, as: UTF8.self) : nil
}

/// `~/.ssh/known_hosts` (and the system's), read through `ssh-keygen -F`, which knows hashed
/// host names and `[host]:port` entries.
struct KnownHosts {
    enum Verdict { case known, unknown(file: String), changed(file: String) }

    let environment: [String: String]

    func check(host: String, port: Int, key: Data) -> Verdict {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let files = ["\(home)/.ssh/known_hosts", "/etc/ssh/ssh_known_hosts"]
        // OpenSSH files a host on another port than 22 as `[host]:port`.
        let name = port == 22 ? host : "[\(host)]:\(port)"
        var sawHost = false
        for file in files where FileManager.default.fileExists(atPath: file) {
            for line in lookUp(name, in: file) {
                let fields = line.split(separator: " ")
                guard fields.count >= 3, !line.hasPrefix("#") else { continue }
                sawHost = true
                if Data(base64Encoded: String(fields[2])) == key { return .known }
            }
        }
        return sawHost ? .changed(file: files[0]) : .unknown(file: files[0])
    }

    /// The known_hosts lines for host `name` (exit 1, none, is not a failure here).
    private func lookUp(_ name: String, in file: String) -> [String] {
        let found = runTool(["ssh-keygen", "-F", name, "-f", file], environment: environment)
        return (found ?? "").split(separator: "\n").map(String.init)
    }
}
