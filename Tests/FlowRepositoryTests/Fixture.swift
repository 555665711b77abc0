import CallFlow
import Foundation
import TestSupport

@testable import FlowRepository

/// A scratch folder holding a fresh flow repository, with the git CLI pointed at it.
final class Fixture {
    let scratch: ScratchDirectory
    let home: ScratchDirectory
    let environment: [String: String]
    let repository: FlowRepository
    let git: GitCLI

    init() throws {
        scratch = try ScratchDirectory()
        home = try ScratchDirectory()
        environment = testEnvironment(home: home.path)
        repository = try FlowRepository.initialize(at: scratch.path, environment: environment)
        git = GitCLI(directory: scratch.path, environment: environment)
    }

    var supportLine: MainBlock {
        MainBlock(name: "Support Line", extension: "101", numbers: ["+15551234567"], seat: "alice")
    }

    /// Creates "Support Line" and saves a block on it, so there is history to work with.
    @discardableResult
    func supportLineWithBlock() throws -> String {
        let id = try repository.create(supportLine).flowID
        try edit { flow in
            flow.main.start = "notify"
            flow.blocks["notify"] = Block(
                id: "notify", type: "webhook", parameters: ["url": .string("https://hooks.example.com/calls")])
        }
        _ = try repository.save(message: "Add notify")
        return id
    }

    /// An edit of the open flow, as the editing commands make one: working files only.
    func edit(_ change: (inout Flow) -> Void) throws {
        var flow = try repository.workingFlow()
        change(&flow)
        try repository.writeWorkingFlow(flow)
    }

    func commitCount(_ revision: String) throws -> Int {
        Int(try git("rev-list", "--count", revision))!
    }
}
