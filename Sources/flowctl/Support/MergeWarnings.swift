import CallFlow

/// What a merge clean block by block (as git's is file by file) can leave: an exit leading to a
/// block the other side removed. No conflict, but `validate` rejects it; `flowctl pull` and the
/// post-merge hook after `git pull` name it alike.
enum MergeWarnings {
    static func danglingExits(_ dangling: [FlowConflict], flow: String) {
        guard !dangling.isEmpty else { return }
        Output.diagnostic("warning: \(flow): the merge left exits that lead nowhere ('flowctl validate' rejects them):")
        for exit in dangling { Output.diagnostic("  \(exit)") }
        Output.diagnostic("Connect each to a block ('flowctl connect') or remove it, then 'flowctl save'.")
    }
}
