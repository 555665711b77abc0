import ArgumentParser
import FlowRepository
import Foundation

struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Run as a git hook on a shared repository: pre-receive checks pushed flows.",
        discussion: """
            'flowctl hook pre-receive', run by git as a server repository's hooks/pre-receive, \
            reads git's OLD NEW REF lines from standard input and rejects the whole push, with one \
            reason per line on standard error (git shows them to the pusher), when a flow branch \
            it changes would hold a flow that cannot be read, that 'flowctl validate' finds an \
            error in, that hands calls to a flow that does not exist, or that claims an extension \
            or number another flow claims, and when it deletes a flow another flow hands calls to. \
            Warnings do not reject. Other deletions, tags and every ref outside refs/heads/flows/ \
            pass. Install it with a two-line script: \
            '#!/bin/sh' then 'exec flowctl hook pre-receive', made executable.

            Example: printf '#!/bin/sh\\nexec flowctl hook pre-receive\\n' > hooks/pre-receive
            """)

    @Argument(help: ArgumentHelp("The hook to run: pre-receive.", valueName: "name"))
    var name: String

    func validate() throws {
        guard name == "pre-receive" else {
            throw ValidationError("the hook flowctl runs is pre-receive (got '\(name)')")
        }
    }

    func run() throws {
        let check = PushCheck(try FlowReader.fromGitEnvironment())
        var updates: [RefUpdate] = []
        while let line = readLine() {
            guard let update = RefUpdate(line: line) else {
                throw UserError("pre-receive: expected 'OLD NEW REF' lines from git (got '\(line)')")
            }
            updates.append(update)
        }
        let problems = try check.problems(updates)
        guard !problems.isEmpty else { return }
        Output.diagnostic("flowctl: the push is rejected; fix these and push again:")
        for problem in problems { Output.diagnostic("  \(problem)") }
        throw ExitCode.failure
    }
}
