import FlowRepository

enum LeftBehind {
    /// Says, as `git switch` does, that the commit HEAD was detached at is on no branch or tag
    /// now that HEAD has left it, and how to keep it. Shown with --quiet too: work is at stake.
    static func warn(_ commit: (id: String, summary: String)?) {
        guard let commit else { return }
        let short = commit.id.prefix(7)
        Output.diagnostic(
            "warning: left commit \(short) (\(commit.summary)) behind: HEAD was detached at it and no branch "
                + "or tag has it; keep it with 'git branch NAME \(short)' ('git reflog' finds it meanwhile)")
    }
}
