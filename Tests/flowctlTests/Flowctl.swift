import Foundation
import TestSupport

/// A user's session: a scratch repository folder, a home of its own, and the built `flowctl`.
final class Session {
    let scratch: ScratchDirectory
    let home: ScratchDirectory
    var environment: [String: String]
    /// The repository folder the commands run in.
    let repo: String
    var git: GitCLI { GitCLI(directory: repo, environment: environment) }

    /// The built binary, beside the test bundle in the build folder.
    static let binary: String = {
        let executableFolder = Bundle.main.executableURL?.deletingLastPathComponent()
        for candidate in [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(), executableFolder] {
            guard let candidate else { continue }
            let binary = candidate.appendingPathComponent("flowctl").path
            if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        }
        fatalError("flowctl binary not found next to \(Bundle.main.bundleURL.path); run 'swift build' first")
    }()

    init() throws {
        scratch = try ScratchDirectory()
        home = try ScratchDirectory()
        environment = testEnvironment(home: home.path)
        repo = scratch.path + "/repo"
    }

    /// Runs `flowctl ARGS` in `folder` (default: the repository).
    @discardableResult
    func flowctl(_ arguments: String..., in folder: String? = nil, input: String? = nil) throws -> ProcessResult {
        try run(Self.binary, arguments, in: folder ?? repo, environment: environment, input: input)
    }

    /// Runs `flowctl ARGS` on a pseudo-terminal (through `script`), typing `input`.
    func flowctlOnTerminal(_ arguments: String, input: String) throws -> ProcessResult {
        try run(
            "/usr/bin/script", ["-qec", "\(Self.binary) \(arguments)", "/dev/null"], in: repo,
            environment: environment, input: input)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: repo + "/" + path, encoding: .utf8)
    }

    func write(_ path: String, _ text: String) throws {
        try text.write(toFile: repo + "/" + path, atomically: true, encoding: .utf8)
    }

    /// The repository's refs, HEAD and index, to prove a refused command changed nothing.
    func snapshot() throws -> String {
        try [git("for-each-ref"), git("symbolic-ref", "HEAD"), git("ls-files", "-s"), git("status", "--porcelain")]
            .joined(separator: "\n")
    }
}

extension Session {
    /// Flow `a` (blocks p and q, saved) and flow `b`, with `b` open: the start of the guarantee
    /// tests.
    static func twoFlows() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "A", "--seat", "s")
        try session.flowctl("add-block", "play", "--id", "p", "--set", "media=p.mp3")
        try session.flowctl("add-block", "play", "--id", "q", "--set", "media=q.mp3")
        try session.flowctl("save", "-m", "p and q")
        try session.flowctl("create", "B", "--seat", "s")
        return session
    }

    /// A repository with flow Support Line (extension 101, seat alice) whose one block is
    /// webhook `notify` to `url` with `retries`: the start of every webhook test.
    static func withWebhook(url: String, retries: Int) throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl(
            "add-block", "webhook", "--id", "notify", "--set", "url=\(url)", "--set", "retries=\(retries)")
        return session
    }
}
