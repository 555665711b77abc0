import ArgumentParser
import CallFlow
import FlowRepository

struct DiffCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed in a flow, per block and field.",
        usage: "flowctl diff [<options>] [<flow>] [<rev> [<rev>]]",
        discussion: """
            With no revision: the open flow's unsaved edits (the working tree against the last \
            save), and during a merge 'flowctl pull' left in progress, each conflict still to \
            settle, with both values ('conflict NAME: ...'). With one: that save against the working tree (against the last save for a \
            flow that is not open). With two: between those saves. A revision is resolved against \
            the flow's branch: @~1 (or HEAD~1, or ~1) is the save before the last, or give a \
            commit id prefix, a tag, anything git takes. The first word is a FLOW when a flow has that id or name, \
            otherwise a revision of the open flow; a remote's flow first (origin/flows/support, \
            or origin/support) is compared with the flow here, as with --against, and as a \
            revision it is the remote's last fetched save (diff support @ origin/support: what a \
            pull would bring). --against OTHER compares OTHER's last save with \
            this flow (a duplicate against its original); OTHER may be a remote's flow \
            (origin/flows/support: what a pull would bring, as of the last fetch). --live compares the live version (see \
            'flowctl publish') with the draft. --patch prints the unified git patch of \
            the files, --stat the files with their added and removed lines. --exit-code exits 1 \
            when there are differences, as git does. A block whose id changed while its type and \
            most fields stayed (rename-block, or a rename by hand with git) shows as renamed, \
            with its field changes, in text, --patch and JSON. With --json: an object with \
            flow, from and to (each with flow, commit: the full commit id or null for the working \
            tree, and revision: as given, or null) and changes (each with kind main|added|removed|changed|renamed, \
            block, field, old and new; a rename has the old and new ids as old and new).

            Example: flowctl diff support-line @~3 @~1
            """)

    @OptionGroup var output: OutputOptions

    @Argument(
        help: ArgumentHelp("The flow (default: the open flow), then up to two revisions.", valueName: "flow-and-revs"),
        completion: .flowsAndSaves)
    var words: [String] = []

    @Option(help: ArgumentHelp("Compare with another flow's last save.", valueName: "flow"), completion: .flowIDs)
    var against: String?

    @Flag(help: "Compare the live version (see 'flowctl publish') with the draft.")
    var live = false

    @Flag(help: "Print the unified patch of the files.")
    var patch = false

    @Flag(help: "Print the files changed, with added and removed lines.")
    var stat = false

    @Flag(help: "Print JSON for scripts.")
    var json = false

    @Flag(help: "Exit 1 when there are differences.")
    var exitCode = false

    @Flag(help: "Print nothing; exit 1 when there are differences (as --exit-code).")
    var quiet = false

    func validate() throws {
        if [patch, stat, json].filter({ $0 }).count > 1 {
            throw ValidationError("--patch, --stat and --json exclude each other")
        }
        if words.count > 3 { throw ValidationError("give at most a FLOW and two revisions") }
    }

    func run() throws {
        let repository = try FlowReader.current()
        try Output.startPager { try repository.gitConfig("core.pager") }
        var revisions = words
        var flow: String?
        // A remote's flow first (`origin/support`) is compared with the flow here, as --against.
        var remote: String?
        // `~1` and `^` are always revisions; anything else names a flow if one has that id or name.
        if let first = revisions.first, !first.hasPrefix("~"), !first.hasPrefix("^"), !first.hasPrefix("@") {
            if let named = try repository.remoteFlow(word: first) {
                (flow, remote) = (named.id, named.ref)
                revisions.removeFirst()
            } else if let id = try? repository.resolveFlow(first) {
                flow = id
                revisions.removeFirst()
            }
        }
        guard revisions.count <= 2 else { throw ValidationError("give at most two revisions") }
        // `origin/support` as a revision is the remote's last fetched save, as for log and show.
        revisions = try revisions.map { try repository.revision($0) }
        let id = try repository.flowID(flow)
        let isOpen = try repository.openFlowID() == id
        let current: FlowVersion = isOpen ? .working : .saved(flow: id, revision: nil)
        let (oldFlow, oldRevision, new): (String, String?, FlowVersion)
        if let remote {
            guard revisions.isEmpty, against == nil, !live else {
                throw ValidationError(
                    "a remote's flow is compared with the flow here: give no revision, --against or --live")
            }
            (oldFlow, oldRevision, new) = (id, remote, current)
        } else if live {
            guard revisions.isEmpty, against == nil else {
                throw ValidationError("--live compares the live version with the draft: give no revision or --against")
            }
            guard let version = try PublishedFlows(repository).liveState(id).live else {
                throw FlowError.nothingPublished(flow: id)
            }
            (oldFlow, oldRevision, new) = (id, version.commit, current)
        } else if let against {
            guard revisions.isEmpty else { throw ValidationError("--against compares last saves: give no revision") }
            // `origin/flows/support`: what the remote has, as of the last fetch.
            let other = try repository.readableFlow(against)
            (oldFlow, oldRevision, new) = (other.id, other.remoteRef, current)
        } else if revisions.count == 2 {
            (oldFlow, oldRevision, new) = (id, revisions[0], .saved(flow: id, revision: revisions[1]))
        } else {
            (oldFlow, oldRevision, new) = (id, revisions.first, current)
        }
        let comparison: FlowComparison
        do {
            comparison = try FlowComparison(repository, from: oldFlow, revision: oldRevision, to: new)
        } catch FlowError.badRevision(let word, _, _)
            where flow == nil && word == words.first && !["~", "^", "@", "HEAD"].contains(where: word.hasPrefix)
        {
            // The first word was taken for a revision because no flow has that name.
            throw UserError(
                "no flow and no revision is called '\(word)'; flows: \(try repository.flowIDs().joined(separator: ", "))"
            )
        }
        if quiet {
            if !comparison.files.isEmpty { throw ExitCode.failure }
            return
        }
        if let problem = comparison.problem {
            Output.diagnostic("warning: \(problem); comparing files instead of blocks and fields")
        }
        if json {
            try Output.json(
                DiffJSON(
                    flow: id, from: DiffSideJSON(flow: oldFlow, commit: comparison.oldCommit, revision: oldRevision),
                    to: DiffSideJSON(new, commit: comparison.newCommit, openFlow: id),
                    changes: comparison.changes.map(ChangeJSON.init)))
        } else if patch {
            let text = try comparison.patch()
            if !text.isEmpty { Output.document(Terminal.patch(text.trimmingTrailingNewlines)) }
        } else if stat {
            // As git: nothing changed prints nothing, not a line of zeros.
            let text = comparison.files.isEmpty ? "" : try comparison.stat()
            if !text.isEmpty { Output.document(Terminal.stat(text.trimmingTrailingNewlines)) }
        } else {
            for change in comparison.changes { Output.result(ChangeText.line(change)) }
            // During a merge, the unsaved changes are what it brought; what it could not settle follows.
            if case .working = new, revisions.isEmpty, against == nil, !live, let merge = try repository.mergeStatus() {
                for conflict in merge.unresolved { Output.result("conflict \(conflict.name): \(conflict)") }
            }
            if comparison.problem != nil {
                for file in comparison.files { Output.result("changed: \(file)") }
            } else if comparison.changes.isEmpty && !comparison.files.isEmpty {
                Output.result("Only formatting differs in \(comparison.files.joined(separator: ", ")).")
            }
        }
        if exitCode && !comparison.files.isEmpty { throw ExitCode.failure }
    }
}

struct DiffJSON: Encodable {
    var flow: String
    var from: DiffSideJSON
    var to: DiffSideJSON
    var changes: [ChangeJSON]
}

/// A side of a diff: the flow, the commit compared (null for the working tree), and the revision
/// as it was asked for (null for the last save or the working tree).
struct DiffSideJSON: Encodable {
    var flow: String
    @Nullable var commit: String?
    @Nullable var revision: String?

    init(flow: String, commit: String?, revision: String?) {
        (self.flow, self.commit, self.revision) = (flow, commit, revision)
    }

    init(_ version: FlowVersion, commit: String?, openFlow: String) {
        switch version {
        case .working: self.init(flow: openFlow, commit: nil, revision: nil)
        case .saved(let id, let revision): self.init(flow: id, commit: commit, revision: revision)
        }
    }
}
