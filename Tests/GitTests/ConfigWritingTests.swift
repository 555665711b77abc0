import Foundation
import TestSupport
import Testing

@testable import Git

/// Configuration sections appended in one write, read back by git itself.
@Suite struct ConfigWritingTests {
    let scratch: ScratchDirectory
    let repository: Repository
    let git: GitCLI

    init() throws {
        scratch = try ScratchDirectory()
        repository = try Repository.create(at: scratch.path)
        git = GitCLI(directory: scratch.path, environment: testEnvironment(home: scratch.path))
    }

    @Test func valuesAndSubsectionsGitMustUnquoteComeBackAsWritten() throws {
        let awkward = [
            "plain", " leading space", "trailing space ", "a # comment sign", "a ; semicolon", "\"quoted\"",
            "back\\slash", "tab\there",
        ]
        try repository.appendConfig(
            awkward.enumerated().map { index, value in
                ConfigSection("flowctl", "sub \"\(index)\" \\", [.init("value", value)])
            } + [ConfigSection("flowctltest", nil, [.init("one", "1"), .init("two", "2")])])
        for (index, value) in awkward.enumerated() {
            #expect(try git("config", "--get", "flowctl.sub \"\(index)\" \\.value") == value)
        }
        #expect(try git("config", "flowctltest.two") == "2")
        #expect(try repository.configString("flowctltest.one") == "1")
        // What was there before stays.
        #expect(try git("config", "core.bare") == "false")
    }

    @Test func aHeldLockRefusesTheWriteAndChangesNothing() throws {
        let path = scratch.path + "/.git/config"
        let before = try String(contentsOfFile: path, encoding: .utf8)
        #expect(FileManager.default.createFile(atPath: path + ".lock", contents: Data()))
        #expect {
            try repository.appendConfig([ConfigSection("flowctl", nil, [.init("value", "1")])])
        } throws: { error in
            (error as? GitError)?.code == .locked
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        #expect(FileManager.default.fileExists(atPath: path + ".lock"))
    }
}
