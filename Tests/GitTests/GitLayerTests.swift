import Foundation
import TestSupport
import Testing

@testable import Git

@Suite struct GitLayerTests {
    let scratch: ScratchDirectory
    let repository: Repository
    let git: GitCLI
    let author = Signature(name: "Ada Admin", email: "ada@example.com", time: 1_700_000_000, offsetMinutes: 60)

    init() throws {
        scratch = try ScratchDirectory()
        repository = try Repository.create(at: scratch.path)
        git = GitCLI(directory: scratch.path, environment: testEnvironment(home: scratch.path))
    }

    func commit(_ files: [String: String], parents: [ObjectID] = [], message: String = "m\n") throws -> ObjectID {
        let tree = try repository.writeTree(base: nil, removing: [], adding: files.mapValues { Array($0.utf8) })
        return try repository.createCommit(
            tree: tree, parents: parents, author: author, committer: author, message: message)
    }

    @Test func commitsAndTreesAreWhatGitReads() throws {
        let id = try commit(["flow.yaml": "a\n", "blocks/x.yaml": "b\n"], message: "First\n\nBody\n")
        try repository.createReference("refs/heads/flows/x", at: id, message: "test")
        #expect(try git("show", "flows/x:blocks/x.yaml") == "b")
        #expect(
            try git("log", "--format=%an|%ae|%at|%ai|%s", "flows/x")
                == "Ada Admin|ada@example.com|1700000000|2023-11-14 23:13:20 +0100|First")
        let info = try repository.commit(id)
        #expect(info.summary == "First")
        #expect(info.author == author)
        #expect(try repository.treeEntries(info.tree).map(\.name) == ["blocks", "flow.yaml"])
        #expect(try repository.treeEntry(info.tree, path: "blocks/x.yaml")?.kind == .blob)
        #expect(try repository.treeEntry(info.tree, path: "blocks/y.yaml") == nil)
        try git("fsck", "--strict")
    }

    @Test func writeTreeReplacesPathsOfABase() throws {
        let first = try commit(["flow.yaml": "a\n", "blocks/x.yaml": "b\n", "README": "keep\n"])
        let base = try repository.commit(first).tree
        let tree = try repository.writeTree(
            base: base, removing: ["flow.yaml", "blocks"], adding: ["flow.yaml": Array("c\n".utf8)])
        let names = try repository.treeEntries(tree).map(\.name)
        #expect(names == ["README", "flow.yaml"])
    }

    @Test func writeTreeChangesOnlyWhatItIsToldAndLeavesNoEmptyFolder() throws {
        // A base made by git itself, with an executable file and nested folders.
        for (path, text) in [
            "flow.yaml": "a\n", "blocks/x.yaml": "x\n", "blocks/y.yaml": "y\n", "run.sh": "r\n",
            "docs/old/a.txt": "o\n", "docs/keep.txt": "k\n",
        ] {
            try FileManager.default.createDirectory(
                atPath: scratch.path + "/" + (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try text.write(toFile: scratch.path + "/" + path, atomically: true, encoding: .utf8)
        }
        chmod(scratch.path + "/run.sh", 0o755)
        try git("add", "-A")
        try git("commit", "-qm", "base")
        let base = try #require(ObjectID(hex: try git("rev-parse", "HEAD^{tree}")))
        let keptY = try #require(try repository.treeEntry(base, path: "blocks/y.yaml")).id
        let tree = try repository.writeTree(
            base: base, removing: ["flow.yaml", "blocks", "docs/old/a.txt"],
            adding: ["flow.yaml": Array("b\n".utf8), "blocks/z.yaml": Array("z\n".utf8), "new/deep/n.txt": [110]],
            addingBlobs: ["blocks/y.yaml": keptY])
        let listing = try git("ls-tree", "-r", "--format=%(objectmode) %(path)", tree.description)
        #expect(
            listing.split(separator: "\n") == [
                "100644 blocks/y.yaml", "100644 blocks/z.yaml", "100644 docs/keep.txt", "100644 flow.yaml",
                "100644 new/deep/n.txt", "100755 run.sh",
            ])
        #expect(try git("cat-file", "-p", "\(tree):blocks/z.yaml") == "z")
        #expect(try git("rev-parse", "\(tree):blocks/y.yaml") == keptY.description)
        // Everything removed, nothing added: the empty tree, as git writes it.
        let empty = try repository.writeTree(
            base: base, removing: ["flow.yaml", "blocks", "run.sh", "docs"], adding: [:])
        #expect(empty.description == (try git("hash-object", "-t", "tree", "/dev/null")))
        let commit = try repository.createCommit(
            tree: tree, parents: [], author: author, committer: author, message: "m\n")
        try repository.createReference("refs/heads/written", at: commit, message: "test")
        try git("fsck", "--strict")
    }

    @Test func referenceUpdatesCompareAndSwap() throws {
        let first = try commit(["f": "1\n"])
        let second = try commit(["f": "2\n"], parents: [first])
        try repository.createReference("refs/heads/flows/x", at: first, message: "create")
        #expect {
            try repository.createReference("refs/heads/flows/x", at: second, message: "again")
        } throws: { ($0 as? GitError)?.code == .exists }
        #expect {
            try repository.updateReference("refs/heads/flows/x", from: second, to: first, message: "stale")
        } throws: { error in
            guard let error = error as? GitError else { return false }
            return error.code == .modified && error.function == "git_reference_create_matching"
        }
        try repository.updateReference("refs/heads/flows/x", from: first, to: second, message: "ok")
        #expect(try repository.referenceTarget("refs/heads/flows/x") == second)
        #expect(try repository.references(withPrefix: "refs/heads/flows/").map(\.name) == ["refs/heads/flows/x"])
        #expect(try repository.resolveCommit("flows/x~1") == first)
    }

    @Test func objectIDsRoundTripThroughHex() throws {
        let id = try commit(["f": "1\n"])
        #expect(ObjectID(hex: id.description) == id)
        #expect(ObjectID(hex: "xyz") == nil)
        #expect(id.short.count == 7)
        var hex: [UInt8] = []
        id.appendHex(to: &hex)
        #expect(String(decoding: hex, as: UTF8.self) == id.description)
        #expect(ObjectID(hexBytes: hex[...]) == id)
        #expect(ObjectID(hexBytes: Array(id.description.uppercased().utf8)[...]) == id)
        #expect(ObjectID(hexBytes: hex.dropLast()) == nil)
        #expect(ObjectID(hexBytes: Array(("g" + id.description.dropFirst()).utf8)[...]) == nil)
    }

    /// Ids are hashed on their first bytes but compared on all of them.
    @Test func idsThatDifferOnlyAtTheEndAreDifferent() throws {
        let base = String(repeating: "ab", count: 18)
        let ids = try ["0000", "0001", "1000", "ff00"].map { try #require(ObjectID(hex: base + $0)) }
        #expect(Set(ids).count == 4)
        for (index, id) in ids.enumerated() {
            #expect(ids.filter { $0 == id } == [ids[index]])
            #expect(id == ObjectID(hex: id.description))
        }
    }

    @Test func identityComesFromTheEnvironmentFirst() throws {
        let identity = try repository.identity(
            for: .author,
            environment: [
                "GIT_AUTHOR_NAME": "Env Name", "GIT_AUTHOR_EMAIL": "env@example.com",
                "GIT_AUTHOR_DATE": "@1700000000 -0230",
            ])
        #expect(
            identity == Signature(name: "Env Name", email: "env@example.com", time: 1_700_000_000, offsetMinutes: -150))
        #expect(throws: GitError.self) {
            try repository.identity(
                for: .committer,
                environment: ["GIT_COMMITTER_NAME": "n", "GIT_COMMITTER_EMAIL": "e", "GIT_COMMITTER_DATE": "yesterday"])
        }
    }

    @Test func gitDatesInTheFormsScriptsUse() {
        #expect(
            GitDate(parsing: "1700000000 +0100").map { [$0.time, Int64($0.offsetMinutes)] } == [1_700_000_000, 60])
        #expect(GitDate(parsing: "2023-11-14T22:13:20Z")?.time == 1_700_000_000)
        #expect(
            GitDate(parsing: "2023-11-14T23:13:20+01:00").map { [$0.time, Int64($0.offsetMinutes)] } == [
                1_700_000_000, 60,
            ])
        #expect(GitDate(parsing: "soon") == nil)
    }

    @Test func failuresCarryLibgit2sMessageAndTheCall() throws {
        #expect {
            try repository.resolveCommit("no-such-branch")
        } throws: { error in
            guard let error = error as? GitError else { return false }
            return error.code == .notFound && error.function == "git_revparse_single" && !error.message.isEmpty
        }
    }
}

/// libgit2 is loaded on first use, and its CA bundle is parsed before a connection, not when it
/// starts (see CGitLoader). The deferred parse goes to mbedTLS's own function and succeeds with
/// the system's bundle: a connection never meets an empty chain.
@Suite struct LibraryLoadingTests {
    @Test func theDeferredCABundleIsParsedByMbedTLS() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.path)
        let started = Library.certificateState
        // Another test of this process may have connected already, and parsed it then.
        #expect(started.pending || started.parses == 1)
        try Library.loadCertificates()
        let loaded = Library.certificateState
        #expect(!loaded.pending)
        #expect(loaded.parses == 1, "parsed by mbedTLS exactly once, when asked, not at start")
        #expect(loaded.lastResult >= 0, "mbedTLS parsed the system's bundle (a count: certificates it skipped)")
        try Library.loadCertificates()  // once is enough; again is nothing
        #expect(Library.certificateState.parses == 1)
    }
}

/// The server's messages as git shows them, however the packets cut them (HTTP's often do).
@Suite struct RemoteLinesTests {
    @Test func piecesOfLinesAreJoinedAndProgressKeepsItsCarriageReturn() {
        let lines = RemoteLines()
        var seen: [String] = []
        lines.onLine = { seen.append($0) }
        for piece in [
            "flowctl: the push is rej", "ected\n  flows/a: bl", "ock x\r\n", "Resolving 50%\rResolving 100%\r",
            "done\n\nlast",
        ] {
            lines.add(Array(piece.utf8))
        }
        // A character cut in two by a packet arrives whole.
        let accent = Array("é\n".utf8)
        lines.add([accent[0]])
        lines.add(Array(accent[1...]))
        lines.flush()
        #expect(
            seen == [
                "flowctl: the push is rejected\n", "  flows/a: block x\r", "Resolving 50%\r", "Resolving 100%\r",
                "done\n", "\n", "lasté\n",
            ])
    }

    @Test func sidebandPacketsGiveBandTwoOnly() {
        let packets = Array("0009\u{1}data000b\u{2}hello\n0000".utf8)
        #expect(SidebandPackets.messages(in: packets) == [Array("hello\n".utf8)])
    }
}
