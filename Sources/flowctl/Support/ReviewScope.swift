import ArgumentParser
import CallFlow
import FlowRepository

/// What `review` was asked to compare: one flow between two revisions (or a revision and now,
/// or its unsaved edits), or every flow against a remote.
struct ReviewScope {
    var words: [String]
    var all: Bool
    var against: String?

    func review(in repository: FlowReader) throws -> Review {
        if all { return try everyFlow(in: repository) }
        var words = self.words
        var flow: String?
        // As diff: the first word is a flow when one has that id or name and it is no revision.
        if let first = words.first, !Self.looksLikeRevision(first), let id = try? repository.resolveFlow(first) {
            flow = id
            words.removeFirst()
        }
        guard words.count <= 1 else { throw ValidationError("give one range: OLD..NEW, or OLD") }
        // A remote's flow in the range (`origin/support`, `@..origin/support`) is its last
        // fetched save, and the flow reviewed when none is named.
        let remoteFlows = try ((words.first ?? against)?.components(separatedBy: "..") ?? []).compactMap {
            try repository.remoteFlow(word: $0)
        }
        if flow == nil { flow = remoteFlows.first?.id }
        if !words.isEmpty && against != nil { throw ValidationError("give a range or --against, not both") }
        let id = try repository.flowID(flow)
        let isOpen = try repository.openFlowID() == id
        let now: (ReviewSide, String) = isOpen ? (.working, "the flow as edited") : (.revision(nil), "the last save")
        let old: (ReviewSide, String)
        var new = now
        if let range = words.first {
            let parts = range.components(separatedBy: "..")
            guard parts.count <= 2, !parts[0].isEmpty else {
                throw ValidationError("'\(range)' is not a range: give OLD..NEW (as @~3..@), or OLD")
            }
            old = (.revision(try repository.revision(parts[0])), parts[0])
            if parts.count == 2 && !parts[1].isEmpty { new = (.revision(try repository.revision(parts[1])), parts[1]) }
        } else if let against {
            // A remote's name is the flow's copy there; a remote's flow (`origin/x`) its branch.
            let ref = try Self.remoteCopy(of: id, against, in: repository) ?? repository.revision(against)
            old = (.revision(ref), against)
        } else {
            guard isOpen else {
                throw UserError(
                    "flow '\(id)' is not open, so it has no unsaved edits: give a range (as @~1..@ or @{u}) "
                        + "or --against REF")
            }
            old = (.revision(nil), "the last save")
            new = (.working, "unsaved edits")
        }
        let flowReview = try repository.review(id, from: old.0, to: new.0, labels: (old.1, new.1))
        return Review(
            subject: "\(id): \(old.1) to \(new.1)", flows: flowReview.map { [$0] } ?? [],
            unchanged: flowReview == nil ? [id] : [])
    }

    /// Every flow against its copy on remote `against` (default origin).
    private func everyFlow(in repository: FlowReader) throws -> Review {
        guard words.isEmpty else {
            throw ValidationError("--all compares every flow with a remote: give --against REMOTE, not a flow or range")
        }
        let remote = against ?? "origin"
        guard try repository.gitConfig("remote.\(remote).url") != nil else {
            throw UserError("no remote is called '\(remote)': give --against REMOTE (see 'flowctl remote -v')")
        }
        let open = try repository.openFlowID()
        var review = Review(subject: "every flow against \(remote)", flows: [], unchanged: [])
        for id in try repository.flowIDs() {
            let copy = try Self.remoteCopy(of: id, remote, in: repository)
            let old: ReviewSide = copy.map { .revision($0) } ?? .none
            let new: (ReviewSide, String) =
                id == open ? (.working, "the flow as edited") : (.revision(nil), "the last save")
            let label = copy == nil ? "nothing (new to \(remote))" : "\(remote)/flows/\(id)"
            if let flow = try repository.review(id, from: old, to: new.0, labels: (label, new.1)) {
                review.flows.append(flow)
            } else {
                review.unchanged.append(id)
            }
        }
        return review
    }

    /// `refs/remotes/REMOTE/flows/<id>` when `remote` is a remote's name and it has the flow.
    static func remoteCopy(of id: String, _ remote: String, in repository: FlowReader) throws -> String? {
        guard !remote.contains("/"), try repository.gitConfig("remote.\(remote).url") != nil else { return nil }
        let ref = "refs/remotes/\(remote)/flows/\(id)"
        return (try? FlowHistory(repository).commit(id, revision: ref)) == nil ? nil : ref
    }

    static func looksLikeRevision(_ word: String) -> Bool {
        word.contains("..") || ["~", "^", "@", "HEAD"].contains(where: word.hasPrefix)
    }
}
