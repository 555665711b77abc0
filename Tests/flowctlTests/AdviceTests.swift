import Foundation
import TestSupport
import Testing

/// Every piece of advice flowctl prints, followed as the user would follow it: the command it
/// names is run, and the test checks it did what the message said.
@Suite struct AdviceTests {
    /// Runs the command a message advises (the first `'flowctl ...'` in it), as the user would.
    func follow(_ message: String, in session: Session, environment: [String: String]) throws -> ProcessResult {
        let range = try #require(message.range(of: #"'flowctl [^']+'"#, options: .regularExpression), "\(message)")
        let words = message[range].dropFirst().dropLast().split(separator: " ").dropFirst().map(String.init)
        return try run(Session.binary, words, in: session.repo, environment: environment)
    }

    @Test func theAdviceAfterABrokenEditWorksWhenFollowed() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "webhook", "--id", "notify", "--set", "url=https://hooks.example.com/")
        try session.flowctl("add-block", "voicemail", "--id", "vm", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        let breaker = session.scratch.path + "/break.sh", mender = session.scratch.path + "/mend.sh"
        try "#!/bin/sh\nprintf 'type: webhook\\nurl: [unclosed\\n' > \"$1\"\n".write(
            toFile: breaker, atomically: true, encoding: .utf8)
        try "#!/bin/sh\nprintf 'type: webhook\\nurl: https://hooks.example.com/mended\\n' > \"$1\"\n".write(
            toFile: mender, atomically: true, encoding: .utf8)
        chmod(breaker, 0o755)
        chmod(mender, 0o755)
        var environment = session.environment
        environment["EDITOR"] = breaker
        let broken = try run(Session.binary, ["edit", "notify"], in: session.repo, environment: environment)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("fix it with 'flowctl edit notify'"), "\(broken.stderr)")

        // Any other block's file opens too, and the advice names the broken one, not it.
        environment["EDITOR"] = "true"
        let other = try run(Session.binary, ["edit", "vm"], in: session.repo, environment: environment)
        #expect(other.stderr.contains("fix it with 'flowctl edit notify'"), "\(other.stderr)")
        let missing = try run(Session.binary, ["edit", "nosuch"], in: session.repo, environment: environment)
        #expect(missing.status == 1 && missing.stderr.contains("there is no block 'nosuch'"), "\(missing.stderr)")

        environment["EDITOR"] = mender
        let followed = try follow(broken.stderr, in: session, environment: environment)
        #expect(followed.status == 0, "\(followed.stderr)")
        #expect(followed.stdout.contains("blocks/notify.yaml reads again"), "\(followed.stdout)")
        #expect(try session.flowctl("show", "--format", "json").stdout.contains("https://hooks.example.com/mended"))
    }

    @Test func statusNamesTheOneBrokenFileAndItsAdviceWorks() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "voicemail", "--id", "vm", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        try session.flowctl("save", "-m", "Base")
        try session.flowctl("set-main", "--seat", "bob")
        try session.write("blocks/vm.yaml", "type: voicemail\nmailbox: [broken\n")
        let status = try session.flowctl("status")
        #expect(status.status == 1)
        #expect(status.stdout.contains("blocks/vm.yaml cannot be read"), "\(status.stdout)")
        #expect(!status.stdout.contains("flow.yaml cannot") && !status.stdout.contains("which cannot"))
        let mender = session.scratch.path + "/mend.sh"
        try "#!/bin/sh\nprintf 'type: voicemail\\nmailbox: 5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f\\n' > \"$1\"\n".write(
            toFile: mender, atomically: true, encoding: .utf8)
        chmod(mender, 0o755)
        var environment = session.environment
        environment["EDITOR"] = mender
        #expect(try follow(status.stdout, in: session, environment: environment).status == 0)
        let after = try session.flowctl("status")
        #expect(after.status == 0 && after.stdout.contains("seat: alice -> bob"), "\(after.stdout)")
    }

    /// create in a project's own repository says where the project's files went, and the way
    /// back it gives works.
    @Test func createInAProjectsRepositorySaysWhereItsFilesStay() throws {
        let session = try Session()
        let git = GitCLI(directory: session.scratch.path, environment: session.environment)
        try git("init", "-q", "-b", "main", "repo")
        try session.write("README.md", "# Our phone system\n")
        try session.git("add", "README.md")
        try session.git("commit", "-q", "-m", "Project")
        let created = try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("main's own files (README.md)"), "\(created.stderr)")
        #expect(!FileManager.default.fileExists(atPath: session.repo + "/README.md"))
        let advice = try #require(created.stderr.range(of: #"'git switch [^']+'"#, options: .regularExpression))
        let words = created.stderr[advice].dropFirst().dropLast().split(separator: " ").dropFirst().map(String.init)
        #expect(try session.git.run(words).status == 0)
        #expect(try session.read("README.md") == "# Our phone system\n")
        #expect(try session.flowctl("list").stdout.contains("support-line"))
    }

    /// A symbolic link in place of a block file: edit never writes through it, and the advice
    /// status and edit give (remove the link, then cancel) works, leaving its target untouched.
    @Test func aLinkInPlaceOfABlockIsNeverWrittenThroughAndTheAdviceWorks() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.flowctl("add-block", "voicemail", "--id", "vm", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
        try session.flowctl("save", "-m", "Base")
        let precious = session.scratch.path + "/precious.txt"
        try "precious\n".write(toFile: precious, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: session.repo + "/blocks/vm.yaml")
        try FileManager.default.createSymbolicLink(
            atPath: session.repo + "/blocks/vm.yaml", withDestinationPath: precious)
        var environment = session.environment
        environment["EDITOR"] = "sh -c 'echo overwritten > \"$1\"' editor"
        let status = try session.flowctl("status")
        #expect(status.status == 1 && status.stdout.contains("remove the link with 'rm blocks/vm.yaml'"), "\(status)")
        let edit = try run(Session.binary, ["edit", "vm"], in: session.repo, environment: environment)
        #expect(edit.status == 1 && edit.stderr.contains("symbolic link"), "\(edit.stderr)")
        #expect(try String(contentsOfFile: precious, encoding: .utf8) == "precious\n", "edit wrote through the link")
        // Following the advice: the link goes, cancel brings the saved file back.
        #expect(try run("/bin/rm", ["blocks/vm.yaml"], in: session.repo, environment: environment).status == 0)
        #expect(try session.flowctl("cancel", "--yes").status == 0)
        #expect(try session.git("status", "--porcelain").isEmpty)
        #expect(try String(contentsOfFile: precious, encoding: .utf8) == "precious\n")
    }

    @Test func validateFailsOnTheRepositorysBadTimeZone() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try session.git("config", "flowctl.timezone", "Europe/Pariss")
        let result = try session.flowctl("validate")
        #expect(result.status == 1 && result.stderr.contains("Europe/Pariss"), "\(result)")
    }

    @Test func pushOriginWithoutARemoteSaysHowToAddOneAndThatWorks() throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support Line", "--extension", "101", "--seat", "alice")
        try GitCLI(directory: session.scratch.path, environment: session.environment)(
            "init", "-q", "--bare", "shared.git")
        let refused = try session.flowctl("push", "origin")
        #expect(refused.status == 1 && refused.stderr.contains("'flowctl remote add origin URL'"), "\(refused.stderr)")
        let added = try session.flowctl("remote", "add", "-q", "origin", "../shared.git")
        #expect(added.status == 0 && added.stdout.isEmpty && added.stderr.isEmpty)
        #expect(try session.flowctl("push", "origin").status == 0)
        let server = GitCLI(directory: session.scratch.path + "/shared.git", environment: session.environment)
        #expect(try server("rev-parse", "flows/support-line") == (try session.git("rev-parse", "flows/support-line")))
    }
}
