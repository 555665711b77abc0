import Foundation
import TestSupport
import Testing

@testable import Git

/// Refs added to a packed-refs file, with git as the reader: `git show-ref -d` lists every ref
/// and peeled tag that was there and each added one, and git's own pack-refs keeps them.
@Suite struct PackedRefsTests {
    @Test func addedRefsAreReadByGitBesideThoseThatWereThere() throws {
        let scratch = try ScratchDirectory()
        let git = GitCLI(directory: scratch.path, environment: testEnvironment(home: scratch.path))
        try git("init", "-q")
        try git("commit", "-q", "--allow-empty", "-m", "one")
        try git("tag", "-a", "v1", "-m", "v1")
        try git("branch", "flows/z")
        try git("pack-refs", "--all")
        let before = try git("show-ref", "-d")
        let head = try #require(ObjectID(hex: try git("rev-parse", "HEAD")))
        let path = scratch.path + "/.git/packed-refs"
        let old = try PackedRefs(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        // "flows/a-b" sorts before "flows/a/b" by bytes ('-' < '/'): binary search needs that order.
        let added = ["refs/remotes/origin/flows/a/b": head, "refs/remotes/origin/flows/a-b": head]
        try Data(old.adding(added).bytes).write(to: URL(fileURLWithPath: path))
        let after = try git("show-ref", "-d")
        #expect(
            Set(after.split(separator: "\n"))
                == Set(before.split(separator: "\n")).union(
                    added.keys.map { Substring("\(head) \($0)") }))
        #expect(try git("rev-parse", "refs/remotes/origin/flows/a-b") == head.description)
        #expect(try git("rev-parse", "refs/remotes/origin/flows/a/b") == head.description)
        try git("pack-refs", "--all")
        #expect(try git("show-ref", "-d") == after)
    }

    @Test(arguments: [
        "^\(String(repeating: "0", count: 40))\n", "not a ref line\n",
        "# x\n\(String(repeating: "0", count: 40)) refs/a\n# y\n",
    ])
    func aFileThatIsNotPackedRefsIsRefused(text: String) {
        #expect(throws: PackedRefs.Malformed.self) { try PackedRefs(bytes: Array(text.utf8)) }
    }

    @Test func withoutAHeaderOnlySortedIsClaimed() throws {
        let zero = String(repeating: "0", count: 40)
        let refs = try PackedRefs(bytes: Array("\(zero) refs/b\n".utf8)).adding(["refs/a": ObjectID(hex: zero)!])
        #expect(
            String(decoding: refs.bytes, as: UTF8.self) == "# pack-refs with: sorted \n\(zero) refs/a\n\(zero) refs/b\n"
        )
    }
}
