import CallFlow
import FlowRepository

extension FlowReader {
    /// FLOW as a reading command takes it: a local flow (its id; its working state is read), or
    /// a remote's flow after a fetch (`origin/flows/x` or `origin/x`: its id, and the
    /// remote-tracking branch it is read from).
    func readableFlow(_ flow: String?) throws -> (id: String, remoteRef: String?) {
        if let flow, let remote = try remoteFlow(flow) { return (remote.id, remote.ref) }
        return (try flowID(flow), nil)
    }

    /// The flow as the command reads it by default: the working state of a local flow, the
    /// remote's last fetched save of a remote one.
    func defaultFlow(_ flow: (id: String, remoteRef: String?)) throws -> Flow {
        try flow.remoteRef.map { try savedFlow(flow.id, revision: $0) } ?? currentFlow(flow.id)
    }

    /// A revision as a reading command takes it: a remote's flow (`origin/support`, as `log`
    /// and `show` name it) is its remote-tracking branch, and `origin/support~1` counts from
    /// it, as `origin/flows/support~1` does; any other word is git's to resolve.
    func revision(_ word: String) throws -> String {
        if !word.contains(".."), let cut = word.firstIndex(where: { "~^".contains($0) }),
            let remote = try remoteFlow(word: String(word[..<cut]))
        {
            return remote.ref + word[cut...]
        }
        return try remoteFlow(word: word)?.ref ?? word
    }

    /// The remote's flow `word` names, nil when it names none. A remote's name then a flow's
    /// (`origin/nope`) that the last fetch did not bring is an error; a revision written from
    /// one (`origin/flows/x~1`) is git's to resolve.
    func remoteFlow(word: String) throws -> (id: String, ref: String)? {
        if word.contains("..") || word.contains(where: { "~^@:{".contains($0) }) { return nil }
        return try remoteFlow(word)
    }

    /// `rev` as `--rev` takes it for `flow`: for a remote's flow, `@`, `HEAD`, `@~1`, `~1` and
    /// `^` count from its remote-tracking branch, as they count from the flow's own branch for a
    /// local flow; `origin/support~1` counts from the remote's flow (see `revision(_:)`); a
    /// commit id, a tag or any other word is git's to resolve, as ever.
    func revision(_ rev: String, of flow: (id: String, remoteRef: String?)) -> String {
        guard let ref = flow.remoteRef else { return (try? revision(rev)) ?? rev }
        if rev.hasPrefix("~") || rev.hasPrefix("^") { return ref + rev }
        for head in ["HEAD", "@"] where rev.hasPrefix(head) {
            let rest = rev.dropFirst(head.count)
            if rest.isEmpty || rest.hasPrefix("~") || rest.hasPrefix("^") { return ref + rest }
        }
        return (try? revision(rev)) ?? rev
    }
}
