import CallFlow
import Foundation
import Git
import TestSupport
import Testing

@testable import FlowRepository

/// Sync's work for many flows at once, as git would read its results: every upstream a push
/// sets in one configuration write, and a clone's refs in one packed-refs file.
@Suite struct SyncBatchTests {
    let fixture: Fixture
    let sync: FlowSync
    let server: ScratchDirectory
    var serverPath: String { server.path + "/server.git" }
    var serverGit: GitCLI { GitCLI(directory: serverPath, environment: fixture.environment) }
    static let count = 25

    /// `count` flows, the first published (an annotated tag), and an empty bare `origin`.
    init() throws {
        fixture = try Fixture()
        for index in 0..<Self.count {
            _ = try fixture.writer.create(
                MainBlock(name: "Flow \(index)", extension: "\(200 + index)", numbers: [], seat: "alice"))
        }
        _ = try FlowPublisher(fixture.writer).publish("flow-0", message: "First release")
        server = try ScratchDirectory()
        sync = FlowSync(fixture.writer)
        try fixture.git("init", "-q", "--bare", serverPath)
        try sync.addRemote("origin", url: serverPath)
    }

    var ids: [String] { (0..<Self.count).map { "flow-\($0)" }.sorted() }

    @Test func pushOfEveryFlowSetsEachUpstreamOnceAndKeepsTheRestOfTheConfiguration() throws {
        try fixture.git("config", "user.note", "a value with # and ; and \"quotes\"")
        // A section half set up by hand is completed entry by entry, as git would.
        try fixture.git("config", "branch.flows/flow-3.merge", "refs/heads/elsewhere")
        let before = try fixture.git("config", "--list", "--local")
        let outcomes = try sync.push(ids, to: nil, forceWithLease: false, transfer: TransferObserver())
        #expect(outcomes.count == Self.count)
        #expect(outcomes.allSatisfy { if case .pushed = $0.result { true } else { false } })
        for id in ids {
            #expect(try fixture.git("config", "--get-all", "branch.flows/\(id).remote") == "origin")
            #expect(try fixture.git("config", "--get-all", "branch.flows/\(id).merge") == "refs/heads/flows/\(id)")
        }
        #expect(try fixture.git("rev-parse", "flows/flow-7@{upstream}") == serverGit("rev-parse", "flows/flow-7"))
        #expect(try fixture.git("config", "user.note") == "a value with # and ; and \"quotes\"")
        let after = try fixture.git("config", "--list", "--local").split(separator: "\n")
        for line in before.split(separator: "\n") where !line.hasPrefix("branch.flows/flow-3.") {
            #expect(after.contains(line), "lost \(line)")
        }
        // Pushed again, nothing is written twice.
        try fixture.writer.open("flow-5")
        try fixture.edit { $0.main.seat = "bob" }
        _ = try fixture.writer.save(message: "Bob")
        _ = try sync.push(ids, to: nil, forceWithLease: false, transfer: TransferObserver())
        #expect(try fixture.git("config", "--list", "--local").split(separator: "\n") == after)
    }

    @Test func cloneRecordsEveryRefInOnePackedRefsFileAsGitCloneDoes() throws {
        _ = try sync.push(ids, to: nil, forceWithLease: false, transfer: TransferObserver())
        let elsewhere = try ScratchDirectory()
        let (clone, opened) = try FlowSync.clone(
            serverPath, into: elsewhere.path + "/clone", mergeDriver: "flowctl", transfer: TransferObserver(),
            environment: fixture.environment)
        let git = GitCLI(directory: elsewhere.path + "/clone", environment: fixture.environment)
        #expect(opened == "flow-0")
        // What git's own clone of the same server records, ref for ref.
        try fixture.git("clone", "-q", "--no-checkout", serverPath, elsewhere.path + "/git-clone")
        let gits = GitCLI(directory: elsewhere.path + "/git-clone", environment: fixture.environment)
        let refs = "--format=%(refname) %(objectname) %(*objectname)"
        #expect(
            try git("for-each-ref", refs, "refs/remotes", "refs/tags")
                == gits("for-each-ref", refs, "refs/remotes", "refs/tags").split(separator: "\n").filter {
                    !$0.hasPrefix("refs/remotes/origin/HEAD ")
                }.joined(separator: "\n"))
        #expect(
            try git("rev-parse", "published/flow-0/v1^{commit}")
                == serverGit("rev-parse", "published/flow-0/v1^{commit}"))
        #expect(
            !FileManager.default.fileExists(atPath: elsewhere.path + "/clone/.git/refs/remotes/origin/flows/flow-1"))
        try git("fsck", "--strict", "--no-dangling")
        #expect(try clone.writer.reader.flowIDs().count == Self.count)
        // A later fetch writes over the packed ref, as git's fetch does.
        try fixture.writer.open("flow-1")
        try fixture.edit { $0.main.seat = "bob" }
        let saved = try #require(try fixture.writer.save(message: "Bob"))
        _ = try sync.push(["flow-1"], to: nil, forceWithLease: false, transfer: TransferObserver())
        try clone.fetch(nil, transfer: TransferObserver())
        #expect(try git("rev-parse", "origin/flows/flow-1") == saved.commit)
    }
}
