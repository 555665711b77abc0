import Foundation
import TestSupport
import Testing

/// git merges flow files field by field through `flowctl merge-driver`, which `flowctl init`
/// sets up: different fields of one block merge cleanly (git's line merge conflicts on them,
/// as neighbouring lines), a field changed two ways stops the merge with both versions.
@Suite struct MergeDriverTests {
    /// A webhook saved once on `flows/support`; `side` branches off there.
    static func repository() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Support", "--seat", "alice")
        try session.flowctl("add-block", "webhook", "--id", "crm", "--set", "url=https://a.example/")
        try session.flowctl("save", "-m", "Base")
        try session.git("branch", "side")
        return session
    }

    /// Commits `edit` of blocks/crm.yaml on `side` with plain git, then goes back to the flow.
    static func changeOnSide(_ session: Session, _ edit: (String) -> String) throws {
        try session.git("checkout", "-q", "side")
        try session.write("blocks/crm.yaml", edit(try session.read("blocks/crm.yaml")))
        try session.git("commit", "-qam", "Side")
        try session.git("checkout", "-q", "flows/support")
    }

    @Test func initSetsTheDriverUp() throws {
        let session = try Self.repository()
        #expect(try session.read(".git/info/attributes").contains("blocks/*.yaml merge=flowctl"))
        #expect(try session.git("config", "merge.flowctl.driver").hasSuffix("merge-driver %O %A %B %P"))
        try session.flowctl("init", in: session.repo)  // again: nothing added twice
        #expect(try session.read(".git/info/attributes").components(separatedBy: "merge=flowctl").count == 3)
    }

    @Test func differentFieldsOfOneBlockMergeCleanly() throws {
        let session = try Self.repository()
        let base = try session.read("blocks/crm.yaml")
        try session.flowctl("set", "crm", "method=GET")  // the line after url's
        try session.flowctl("save", "-m", "GET")
        let ours = try session.read("blocks/crm.yaml")
        try Self.changeOnSide(session) { $0.replacingOccurrences(of: "https://a.example/", with: "https://b.example/") }
        // git's own line merge conflicts on these neighbouring lines:
        let files = ["base", "ours", "theirs"].map { session.scratch.path + "/" + $0 }
        for (path, text) in zip(files, [base, ours, base.replacingOccurrences(of: "a.example", with: "b.example")]) {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(try session.git.run(["merge-file", "-p", files[1], files[0], files[2]]).status != 0)
        let merge = try session.git.run(["merge", "-q", "side", "-m", "Merge side"])
        #expect(merge.status == 0, "\(merge.stdout)\(merge.stderr)")
        let block = try session.read("blocks/crm.yaml")
        #expect(block.contains("url: https://b.example/") && block.contains("method: GET"), "\(block)")
        #expect(try session.git("log", "-1", "--format=%P").split(separator: " ").count == 2)
        #expect(try session.flowctl("validate").status == 0)
        #expect(try session.git.run(["fsck", "--strict"]).status == 0)
    }

    @Test func aFieldChangedTwoWaysIsAConflictWithBothVersions() throws {
        let session = try Self.repository()
        try session.flowctl("set", "crm", "url=https://ours.example/", "retries=2")
        try session.flowctl("save", "-m", "Ours")
        try Self.changeOnSide(session) {
            $0.replacingOccurrences(of: "https://a.example/", with: "https://theirs.example/")
                .replacingOccurrences(of: "method: POST", with: "method: GET")
        }
        let merge = try session.git.run(["merge", "side", "-m", "Merge side"])
        #expect(merge.status != 0)
        #expect(
            (merge.stdout + merge.stderr).contains(
                "blocks/crm.yaml: url changed both ways: ours https://ours.example/, theirs https://theirs.example/"),
            "\(merge.stdout)\(merge.stderr)")
        let file = try session.read("blocks/crm.yaml")
        let halves = file.components(separatedBy: "=======\n")
        #expect(halves.count == 2 && file.hasPrefix("<<<<<<< ours\n") && file.hasSuffix(">>>>>>> theirs\n"))
        // Each half is the whole merged block: the other side's method change is in both.
        #expect(halves[0].contains("url: https://ours.example/") && halves[0].contains("method: GET"))
        #expect(halves[1].contains("url: https://theirs.example/") && halves[1].contains("retries: 2"))
        #expect(try session.flowctl("status").stdout.contains("blocks/crm.yaml:1: unresolved merge conflict"))
        // Taking their half resolves it.
        let theirs = halves[1].replacingOccurrences(of: ">>>>>>> theirs\n", with: "")
        try session.write("blocks/crm.yaml", theirs)
        try session.git("commit", "-qam", "Merge side, their URL")
        #expect(try session.flowctl("show").stdout.contains("url: https://theirs.example/"))
        #expect(try session.git.run(["fsck", "--strict"]).status == 0)
    }
}
