import ArgumentParser
import CallFlow
import FlowRepository
import Foundation

struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Run as a git hook: pre-receive checks pushed flows, post-merge names what a merge left.",
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

            'flowctl hook post-merge', which 'flowctl init' installs as .git/hooks/post-merge when \
            the repository has none, runs after git merge and git pull: a merge clean file by \
            file can leave an exit leading to a block the other side removed, which validate \
            rejects; it names each such exit, as 'flowctl pull' does for the same merge. It never \
            fails the merge.

            'flowctl hook pre-commit', which 'flowctl init' installs as .git/hooks/pre-commit when \
            the repository has none, stops 'git commit' from concluding a merge 'flowctl pull' \
            started: a flow's conflicts and their settling are flowctl's record and the flow's \
            files, not git's index, so git alone would commit them unsettled. 'flowctl save' \
            finishes such a merge. Any other commit passes.

            Example: printf '#!/bin/sh\\nexec flowctl hook pre-receive\\n' > hooks/pre-receive
            """)

    @Argument(help: ArgumentHelp("The hook to run: pre-receive, post-merge or pre-commit.", valueName: "name"))
    var name: String

    /// What git passes a post-merge hook: 1 for a squash merge.
    @Argument(help: ArgumentHelp("git's argument to the hook (post-merge: the squash flag).", valueName: "flag"))
    var flags: [String] = []

    func validate() throws {
        guard ["pre-receive", "post-merge", "pre-commit"].contains(name) else {
            throw ValidationError("the hooks flowctl runs are pre-receive, post-merge and pre-commit (got '\(name)')")
        }
    }

    func run() throws {
        if name == "post-merge" {
            // Only a warning: the merge is made, and a hook's failure would only confuse.
            guard let reader = try? FlowReader.current(), let id = try? reader.openFlowID(),
                let flow = try? reader.workingFlow()
            else { return }
            MergeWarnings.danglingExits(FlowMerge.danglingExits(in: flow), flow: id)
            return
        }
        if name == "pre-commit" { return try refuseAnUnsettledMerge() }
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

    /// pre-commit: fails while a merge `flowctl pull` started is in progress, settled or not:
    /// `resolve` settles the flow's files, not git's index, which is what `git commit` takes.
    private func refuseAnUnsettledMerge() throws {
        guard let merge = try FlowReader.current().mergeStatus() else { return }
        let left = merge.unresolved.map(\.name) + merge.unresolvedFiles.map(\.path)
        let finish =
            left.isEmpty
            ? "every conflict is settled): finish it with 'flowctl save'"
            : "\(left.count) conflict\(left.count == 1 ? "" : "s") left: \(left.joined(separator: ", "))): settle "
                + "\(left.count == 1 ? "it" : "each") with 'flowctl resolve NAME --ours|--theirs', then finish it with 'flowctl save'"
        Output.diagnostic(
            "flowctl: the merge of \(merge.flowID) with \(merge.remote) is flowctl's (\(finish), "
                + "or abort it with 'flowctl cancel'")
        throw ExitCode.failure
    }
}
