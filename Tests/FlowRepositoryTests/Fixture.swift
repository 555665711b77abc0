import CallFlow
import Foundation
import TestSupport

@testable import FlowRepository

/// A scratch folder holding a fresh flow repository, with the git CLI pointed at it.
final class Fixture {
    let scratch: ScratchDirectory
    let home: ScratchDirectory
    let environment: [String: String]
    let writer: FlowWriter
    let git: GitCLI

    init() throws {
        scratch = try ScratchDirectory()
        home = try ScratchDirectory()
        environment = testEnvironment(home: home.path)
        writer = try FlowWriter.initialize(at: scratch.path, environment: environment)
        git = GitCLI(directory: scratch.path, environment: environment)
    }

    var reader: FlowReader { writer.reader }

    var supportLine: MainBlock {
        MainBlock(name: "Support Line", extension: "101", numbers: ["+15551234567"], seat: "alice")
    }

    /// Creates "Support Line" and saves a block on it, so there is history to work with.
    @discardableResult
    func supportLineWithBlock() throws -> String {
        let id = try writer.create(supportLine).flowID
        try edit { flow in
            flow.main.start = "notify"
            flow.blocks["notify"] = Block(
                id: "notify", type: "webhook", parameters: ["url": .string("https://hooks.example.com/calls")])
        }
        _ = try writer.save(message: "Add notify")
        return id
    }

    /// An edit of the open flow, as the editing commands make one: working files only.
    func edit(_ change: (inout Flow) -> Void) throws {
        var flow = try reader.workingFlow()
        change(&flow)
        try writer.writeWorkingFlow(flow)
    }

    /// The repository lock, held as another writer holds it, until `release()`. Tried for up
    /// to five seconds: a git process another test of this process starts can hold it for a
    /// moment, between its fork and its exec, after the writer that took it has let it go.
    func holdLock(as command: String) throws -> RepositoryLock {
        let lock = RepositoryLock(gitCommonDirectory: reader.git.commonDirectory)
        let deadline = Date().addingTimeInterval(5)
        while try !lock.tryAcquire(command: command) {
            guard Date() < deadline else { throw LockNotTaken(path: lock.path) }
            usleep(10_000)
        }
        return lock
    }

    struct LockNotTaken: Error {
        var path: String
    }

    func commitCount(_ revision: String) throws -> Int {
        Int(try git("rev-list", "--count", revision))!
    }
}
