import Foundation
import TestSupport
import Testing

/// Every command's output (plain, --json, errors) with secrets of 1 to 64 characters, many of
/// them pieces of words the output holds ("x" of "example", "ext" of "next"). A server quotes the
/// secret back in a redirect's Location. The oracle is a run with a reference secret that occurs
/// nowhere: each run's output must equal the reference run's (so the secret is hidden exactly
/// where the reference is, and no word is cut), and the reference itself is never printed.
@Suite struct RedactionGrindTests {
    static let reference = "Rf7Qz2Lm9Xw4Kp8Vt3Ny6Hb1Jd5Gs0Ca"

    /// Pieces of words in the output, and random secrets of every length from 1 to 64 (a fixed
    /// seed, so a failure can be rerun).
    static var secrets: [String] {
        var generator = SeededGenerator(seed: 25)
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let random = (1...64).map { length in
            String((0..<length).map { _ in letters[Int(generator.next() % UInt64(letters.count))] })
        }
        let pieces = ["x", "e", "o", "t", "ex", "ext", "ample", "ere", "lse", "ok", "oken", "ivered", "ttemp", "ound"]
        // A random secret that is a whole word of a quoted text would rightly be hidden there.
        let quotedWords: Set = ["http", "elsewhere", "example", "next", "box", "token", "Found", "not", "to"]
        return pieces + random.filter { !quotedWords.contains($0) }
    }

    /// The commands that resolve placeholders, run with every secret.
    static let sending: [[String]] = [
        ["test-webhook", "notify"], ["test-webhook", "notify", "--json"], ["test-webhook", "down"],
        ["simulate", "--from", "+15551230000"], ["simulate", "--from", "+15551230000", "--json"],
    ]
    /// The commands that send nothing or only to a closed port, or only read the flow (its
    /// placeholders, never their values): run with every tenth secret.
    static let reading: [[String]] = [
        ["test-webhook", "down", "--json"], ["simulate", "--from", "+15551230000", "--dry-run"],
        ["show"], ["show", "--format", "json"], ["show", "--format", "yaml"], ["status"], ["status", "--json"],
        ["validate", "--json"], ["diff"], ["diff", "--json"], ["log"], ["log", "--json"], ["catalog"],
    ]

    @Test func noSecretIsPrintedAndNoWordIsCut() throws {
        let receiver = try WebhookReceiver(answers: ["302:echo-token"], lifetime: 600)
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl(
            "add-block", "webhook", "--id", "notify", "--set", "url=\(receiver.url)?t=${secret:TOKEN}",
            "--set", "retries=0")
        try session.flowctl(
            "set-webhook", "notify", "--header", "X-Token: ${secret:TOKEN}", "--data", "k=${secret:TOKEN}")
        try session.flowctl("save", "-m", "Notify the CRM")
        try session.flowctl(
            "add-block", "webhook", "--id", "down", "--after", "notify", "--set",
            "url=http://127.0.0.1:\(closedPort())/x?t=${secret:TOKEN}", "--set", "retries=0")
        // Each secret has a secrets file of its own, so that the secrets run two at a time.
        let (repo, environment) = (session.repo, session.environment)
        let home = session.home.path
        @Sendable func outputs(_ commands: [[String]], secret: String, index: Int) throws -> [String] {
            let file = home + "/secrets-\(index)"
            try "TOKEN=\(secret)\n".write(toFile: file, atomically: true, encoding: .utf8)
            chmod(file, 0o600)
            return try commands.map { command in
                let result = try run(
                    Session.binary, command, in: repo,
                    environment: environment.merging(["FLOWCTL_SECRETS": file]) { $1 })
                return Self.normalized(
                    "\(command.joined(separator: " ")) exit \(result.status)\n"
                        + result.stdout + "\n" + result.stderr)
            }
        }
        let commands = Self.sending + Self.reading
        let expected = try outputs(commands, secret: Self.reference, index: 0)
        for output in expected { #expect(!output.contains(Self.reference), "\(output)") }
        #expect(expected[0].contains("token=***"), "the server's quote is hidden: \(expected[0])")
        #expect(expected[0].contains("elsewhere.example/next/box"), "\(expected[0])")
        let secrets = Self.secrets
        let found = Problems()
        DispatchQueue.concurrentPerform(iterations: secrets.count) { index in
            // Every secret through the sending commands; the reading ones with every tenth.
            let run = index % 10 == 0 ? commands : Self.sending
            let said: [String]
            do { said = try outputs(run, secret: secrets[index], index: index + 1) } catch {
                found.append("secret '\(secrets[index])': \(error)")
                return
            }
            for (number, output) in said.enumerated() where output != expected[number] {
                found.append("secret '\(secrets[index])': \(run[number]) printed\n\(output)\nnot\n\(expected[number])")
            }
        }
        for problem in found.all { Issue.record(Comment(rawValue: problem)) }
        #expect(try receiver.requests().count == (secrets.count + 1) * 4)
    }

    @Test func aSecretQuotedBackInAnyEncodingIsHidden() throws {
        let receiver = try WebhookReceiver(answers: ["302:echo-encoded"])
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl(
            "add-block", "webhook", "--id", "notify", "--set", "url=\(receiver.url)", "--set", "retries=0")
        try session.flowctl("set-webhook", "notify", "--header", "X-Token: ${env:TOKEN}")
        for secret in ["Bearer xyz", "p@ss:w0rd/+x", "ext", "a?b&c=d"] {
            session.environment["TOKEN"] = secret
            for json in [false, true] {
                let result = try run(
                    Session.binary, ["test-webhook", "notify"] + (json ? ["--json"] : []), in: session.repo,
                    environment: session.environment)
                let said = Redactor.decodedForTest(result.stdout + result.stderr)
                #expect(!said.contains(secret), "\(secret) printed: \(result.stdout)")
                #expect(result.stdout.contains("elsewhere.example"), "\(result.stdout)")
            }
        }
    }

    /// Output with what changes from run to run (times) made alike.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #"\(\d+ ms\)"#, with: "(N ms)", options: .regularExpression)
            .replacingOccurrences(of: #""duration_ms" ?: ?\d+"#, with: "\"duration_ms\":N", options: .regularExpression)
    }
}

/// What the secrets running two at a time found, gathered under a lock.
final class Problems: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [String] = []

    func append(_ problem: String) { lock.withLock { found.append(problem) } }

    var all: [String] { lock.withLock { found } }
}

enum Redactor {
    /// `text` percent-decoded twice, and with `+` as a space: a secret found in none of these
    /// forms was not printed in any encoding.
    static func decodedForTest(_ text: String) -> String {
        let once = text.removingPercentEncoding ?? text
        let twice = once.removingPercentEncoding ?? once
        return [text, once, twice].joined(separator: "\n") + "\n" + twice.replacingOccurrences(of: "+", with: " ")
    }
}

/// A small deterministic generator (SplitMix64), so the random secrets are the same every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
