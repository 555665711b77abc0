import Foundation
import Git

/// A merge `pull` started and the conflicts it left: git's own record (`MERGE_HEAD`,
/// `MERGE_MSG`) plus flowctl's, which names the three commits and the conflicts settled by
/// `resolve --ours`. The conflicts themselves are worked out again from the commits each time.
struct MergeState: Codable {
    var flow: String
    var remote: String
    var ours: String
    var theirs: String
    var base: String?
    var resolved: [String] = []
    /// Files other than the flow's that the merge changed from ours (merged cleanly, or left in
    /// conflict): the merge commit takes them from the index, as `git commit` would.
    var otherFiles: [String]?
}

/// Where a merge in progress is recorded: flowctl's `flowctl/merge.json` beside git's own
/// `MERGE_HEAD` and `MERGE_MSG`. Read by the read side, written by sync, cleared by the save or
/// cancel that ends the merge.
struct MergeRecord {
    let git: Repository

    var statePath: String { FlowLayout.flowctlDirectory(git) + "merge.json" }
    var headPath: String { git.gitDirectory + "MERGE_HEAD" }

    var messagePath: String { git.gitDirectory + "MERGE_MSG" }

    /// The message flowctl's merge commit gets, which it writes as git's `MERGE_MSG`.
    static func message(_ state: MergeState) -> String {
        "Merge \(state.remote)/flows/\(state.flow) into flows/\(state.flow)\n"
    }

    /// flowctl's merge in progress: only while git's `MERGE_HEAD` and `MERGE_MSG` are the ones it
    /// wrote. After `git merge --abort`, git's own merge of the same commit writes its own
    /// message ("Merge branch ..."), so a record left behind is not taken for that merge.
    func read() -> MergeState? {
        guard let data = FileManager.default.contents(atPath: statePath),
            let state = try? JSONDecoder().decode(MergeState.self, from: data),
            let head = try? String(contentsOfFile: headPath, encoding: .utf8),
            head.trimmingCharacters(in: .whitespacesAndNewlines) == state.theirs,
            let message = try? String(contentsOfFile: messagePath, encoding: .utf8),
            message.hasPrefix(Self.message(state))
        else { return nil }
        return state
    }

    func write(_ state: MergeState) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: FlowLayout.flowctlDirectory(git), withIntermediateDirectories: true)
            try JSONEncoder().encode(state).write(to: URL(fileURLWithPath: statePath), options: .atomic)
            try Self.message(state).write(toFile: messagePath, atomically: true, encoding: .utf8)
            try (state.theirs + "\n").write(toFile: headPath, atomically: true, encoding: .utf8)
        } catch {
            throw FlowError.fileSystem(path: statePath, reason: "\(error)")
        }
    }

    func clear() {
        for path in [headPath, messagePath, git.gitDirectory + "MERGE_MODE", statePath] {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
