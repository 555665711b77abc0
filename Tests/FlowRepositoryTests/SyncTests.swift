import CallFlow
import Foundation
import Git
import TestSupport
import Testing

@testable import FlowRepository

/// Sync's public API between real repositories over a bare one by path: what git sees on the
/// server and in each clone decides.
@Suite struct SyncTests {
    let fixture: Fixture
    let sync: FlowSync
    let server: ScratchDirectory
    /// Where `cloneOfServer` clones to, kept as long as the suite.
    let elsewhere: ScratchDirectory
    var serverPath: String { server.path + "/server.git" }
    var serverGit: GitCLI { GitCLI(directory: serverPath, environment: fixture.environment) }

    /// Support Line (two saves) pushed to a bare `server.git` as `origin`.
    init() throws {
        fixture = try Fixture()
        try fixture.supportLineWithBlock()
        server = try ScratchDirectory()
        elsewhere = try ScratchDirectory()
        try fixture.git("init", "-q", "--bare", server.path + "/server.git")
        sync = FlowSync(fixture.writer)
        try sync.addRemote("origin", url: server.path + "/server.git")
        _ = try sync.push(["support-line"], to: nil, forceWithLease: false, transfer: TransferObserver())
    }

    /// A clone of the server made by `FlowSync.clone`, in `elsewhere/clone`.
    func cloneOfServer() throws -> (sync: FlowSync, folder: ScratchDirectory, git: GitCLI) {
        let folder = elsewhere
        let (clone, opened) = try FlowSync.clone(
            serverPath, into: folder.path + "/clone", mergeDriver: "flowctl", transfer: TransferObserver(),
            environment: fixture.environment)
        #expect(opened == "support-line")
        return (clone, folder, GitCLI(directory: folder.path + "/clone", environment: fixture.environment))
    }

    @Test func remotesAreGitsRemotes() throws {
        #expect(try sync.remotes().map { "\($0.name) \($0.url)" } == ["origin \(serverPath)"])
        #expect(try fixture.git("remote", "get-url", "origin") == serverPath)
        #expect(try sync.remoteName(nil) == "origin")
        #expect(throws: SyncError.self) { try sync.addRemote("origin", url: "elsewhere") }
        #expect(throws: SyncError.self) { try sync.removeRemote("nope") }
        #expect(throws: SyncError.self) { try sync.remoteName("nope") }
        try sync.removeRemote("origin")
        #expect(try fixture.git("remote") == "")
        #expect {
            try sync.remoteName(nil)
        } throws: { error in
            guard case SyncError.noRemote = error else { return false }
            return true
        }
    }

    @Test func pushSendsTheBranchAndItsPublishedVersionsAndSetsTheUpstream() throws {
        #expect(try serverGit("rev-parse", "flows/support-line") == fixture.git("rev-parse", "flows/support-line"))
        #expect(try fixture.git("config", "branch.flows/support-line.remote") == "origin")
        _ = try FlowPublisher(fixture.writer).publish("support-line", message: nil)
        let outcomes = try sync.push(
            ["support-line"], to: "origin", forceWithLease: false, transfer: TransferObserver())
        #expect(outcomes.map(\.result) == [.upToDate])
        #expect(
            try serverGit("rev-parse", "published/support-line/v1")
                == fixture.git("rev-parse", "published/support-line/v1"))
        try fixture.edit { $0.main.seat = "bob" }
        let saved = try #require(try fixture.writer.save(message: "Bob"))
        let pushed = try sync.push(["support-line"], to: nil, forceWithLease: false, transfer: TransferObserver())
        #expect(
            pushed.map(\.result) == [
                .pushed(from: try fixture.git("rev-parse", "flows/support-line~1"), to: saved.commit)
            ])
        #expect(try serverGit("rev-parse", "flows/support-line") == saved.commit)
    }

    @Test func cloneFetchesEveryFlowSetsUpTheMergeDriverAndOpensOne() throws {
        let (clone, _, git) = try cloneOfServer()
        #expect(try git("symbolic-ref", "HEAD") == "refs/heads/flows/support-line")
        #expect(try git("rev-parse", "flows/support-line") == serverGit("rev-parse", "flows/support-line"))
        #expect(try git("config", "merge.flowctl.driver") == "flowctl merge-driver %O %A %B %P")
        #expect(try git("check-attr", "merge", "flow.yaml") == "flow.yaml: merge: flowctl")
        #expect(try git.porcelainStatus() == "")
        #expect(try clone.writer.reader.flowIDs() == ["support-line"])
        // Run again, the merge driver's setup changes nothing.
        try clone.setUpMergeDriver(command: "flowctl")
        #expect(try git("check-attr", "merge", "blocks/notify.yaml") == "blocks/notify.yaml: merge: flowctl")
        #expect(
            try String(contentsOfFile: clone.writer.reader.gitDirectory + "info/attributes", encoding: .utf8).split(
                separator: "\n"
            ).count == 2)
    }

    /// As `git push -u`, whose upstream is set for a branch the server already has as it is;
    /// a dry run sets nothing.
    @Test func aFlowAlreadyOnTheServerGetsItsUpstreamToo() throws {
        try fixture.git("config", "--remove-section", "branch.flows/support-line")
        let dry = try sync.push(
            ["support-line"], to: nil, forceWithLease: false, dryRun: true, transfer: TransferObserver())
        #expect(dry.map(\.result) == [.upToDate])
        let config = fixture.scratch.path + "/.git/config"
        #expect(try !String(contentsOfFile: config, encoding: .utf8).contains("[branch"))
        let outcomes = try sync.push(["support-line"], to: nil, forceWithLease: false, transfer: TransferObserver())
        #expect(outcomes.map(\.result) == [.upToDate])
        #expect(
            try fixture.git("rev-parse", "--abbrev-ref", "flows/support-line@{upstream}") == "origin/flows/support-line"
        )
    }

    /// What `--all` pushes: the flows with a branch here, sorted, never one only on a remote.
    @Test func localFlowIDsLeaveOutTheFlowsOnlyOnARemote() throws {
        try fixture.git("update-ref", "refs/remotes/origin/flows/zeta", "flows/support-line")
        try fixture.git("branch", "flows/alpha", "flows/support-line")
        let reader = fixture.writer.reader
        #expect(try reader.flowIDs() == ["alpha", "support-line", "zeta"])
        #expect(try reader.localFlowIDs() == ["alpha", "support-line"])
    }

    @Test func aCloneIntoAFolderWithFilesIsRefusedAndLeavesThem() throws {
        let folder = try ScratchDirectory()
        try folder.write("keep.txt", "mine\n")
        #expect(throws: FlowError.self) {
            try FlowSync.clone(
                serverPath, into: folder.path, mergeDriver: "flowctl", transfer: TransferObserver(),
                environment: fixture.environment)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keep.txt"])
    }

    @Test func fetchBringsTheRemotesSavesWithoutMovingABranch() throws {
        let (clone, _, git) = try cloneOfServer()
        try fixture.edit { $0.main.seat = "bob" }
        let saved = try #require(try fixture.writer.save(message: "Bob"))
        _ = try sync.push(["support-line"], to: nil, forceWithLease: false, transfer: TransferObserver())
        let before = try git("rev-parse", "flows/support-line")
        #expect(try clone.fetch(nil, transfer: TransferObserver()) == "origin")
        #expect(try git("rev-parse", "origin/flows/support-line") == saved.commit)
        #expect(try git("rev-parse", "flows/support-line") == before)
    }

    @Test func pullFastForwardsThenMergesFieldByField() throws {
        let (clone, folder, git) = try cloneOfServer()
        try fixture.edit { $0.main.seat = "bob" }
        let bob = try #require(try fixture.writer.save(message: "Bob"))
        _ = try sync.push(["support-line"], to: nil, forceWithLease: false, transfer: TransferObserver())
        let first = try clone.pull(["support-line"], from: nil, transfer: TransferObserver())
        guard case .fastForwarded(_, let to) = first.first?.result else { Issue.record("\(first)"); return }
        #expect(to == bob.commit)
        #expect(try git("rev-parse", "HEAD") == bob.commit)
        #expect(try folder.read("clone/flow.yaml").contains("seat: bob"))
        // Each side changes another field: the pull merges them, in a commit with both parents.
        try fixture.edit { $0.main.extension = "202" }
        _ = try fixture.writer.save(message: "Extension 202")
        _ = try sync.push(["support-line"], to: nil, forceWithLease: false, transfer: TransferObserver())
        _ = try clone.writer.editWorkingFlow { $0.blocks["notify"]?.parameters["retries"] = .int(2) }
        _ = try clone.writer.save(message: "Two retries")
        let second = try clone.pull(["support-line"], from: nil, transfer: TransferObserver())
        guard case .merged(let commit, _) = second.first?.result else { Issue.record("\(second)"); return }
        #expect(try git("log", "-1", "--format=%P", commit).split(separator: " ").count == 2)
        let merged = try git("show", "\(commit):flow.yaml") + git("show", "\(commit):blocks/notify.yaml")
        #expect(merged.contains("extension: \"202\"") && merged.contains("retries: 2"))
        #expect(try git.porcelainStatus() == "")
    }

    @Test func aConflictStopsThePullUntilResolveAndSaveSettleIt() throws {
        let (clone, folder, git) = try cloneOfServer()
        try fixture.edit { $0.main.seat = "bob" }
        _ = try fixture.writer.save(message: "Bob")
        _ = try sync.push(["support-line"], to: nil, forceWithLease: false, transfer: TransferObserver())
        _ = try clone.writer.editWorkingFlow { $0.main.seat = "carol" }
        _ = try clone.writer.save(message: "Carol")
        let outcome = try clone.pull(["support-line"], from: nil, transfer: TransferObserver())
        guard case .conflicts(let conflicts, _, _) = outcome.first?.result else { Issue.record("\(outcome)"); return }
        #expect(conflicts.map(\.name) == ["main.seat"])
        let reader = clone.writer.reader
        #expect(reader.mergeInProgress)
        #expect(try reader.mergeStatus()?.unresolved.map(\.name) == ["main.seat"])
        #expect(try git("rev-parse", "MERGE_HEAD") == fixture.git("rev-parse", "flows/support-line"))
        #expect(throws: SyncError.self) { try clone.writer.save(message: nil) }
        #expect(throws: SyncError.self) { try clone.writer.open("support-line") }
        #expect(try clone.resolve("main.seat", theirs: true).map(\.name) == ["main.seat"])
        #expect(try folder.read("clone/flow.yaml").contains("seat: bob"))
        #expect(try reader.mergeStatus()?.unresolved.isEmpty == true)
        let merge = try #require(try clone.writer.save(message: nil))
        #expect(merge.message == "Merge origin/flows/support-line into flows/support-line")
        #expect(try git("log", "-1", "--format=%P", "HEAD").split(separator: " ").count == 2)
        #expect(!reader.mergeInProgress)
        #expect(try git.porcelainStatus() == "")
    }

    /// As `git push` does: a push that would drop the remote's saves is refused, with the advice
    /// to pull; --force-with-lease goes ahead only while the remote is where the last fetch saw it.
    @Test func aPushThatWouldDropTheRemotesSavesIsRefusedUnlessLeased() throws {
        let (clone, _, _) = try cloneOfServer()
        _ = try clone.writer.editWorkingFlow { $0.main.seat = "carol" }
        let carol = try #require(try clone.writer.save(message: "Carol"))
        _ = try clone.push(["support-line"], to: nil, forceWithLease: false, transfer: TransferObserver())
        try fixture.edit { $0.main.seat = "bob" }
        let bob = try #require(try fixture.writer.save(message: "Bob"))
        let refused = try sync.push(["support-line"], to: nil, forceWithLease: false, transfer: TransferObserver())
        guard case .refused(let reason) = refused.first?.result else { Issue.record("\(refused)"); return }
        #expect(reason.contains("'flowctl pull support-line' merges them"))
        #expect(try serverGit("rev-parse", "flows/support-line") == carol.commit)
        // The lease: this clone's last fetch did not see Carol's save, so it is refused too.
        let unleased = try sync.push(["support-line"], to: nil, forceWithLease: true, transfer: TransferObserver())
        guard case .refused(let moved) = unleased.first?.result else { Issue.record("\(unleased)"); return }
        #expect(moved.contains("moved since the last fetch"))
        _ = try sync.fetch(nil, transfer: TransferObserver())
        let forced = try sync.push(["support-line"], to: nil, forceWithLease: true, transfer: TransferObserver())
        #expect(forced.map(\.result) == [.pushed(from: carol.commit, to: bob.commit)])
        #expect(try serverGit("rev-parse", "flows/support-line") == bob.commit)
    }
}
