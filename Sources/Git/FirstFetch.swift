import CLibGit2
import Foundation

extension Repository {
    /// Records the first fetch from remote `name` into a repository with no refs yet as `git
    /// clone` records it: each branch the remote advertised as `refs/remotes/<name>/<branch>`
    /// (the default refspec, which `addRemote` sets up) and each tag as itself, in one
    /// `packed-refs` file and without reflogs. libgit2's `git_remote_update_tips` writes a
    /// loose ref and a reflog per ref, about twenty system calls each: most of a clone of
    /// thousands of flows. False, writing nothing, when the repository has refs or packed refs
    /// already (the caller records the fetch the usual way).
    func recordFirstFetch(_ name: String, heads: [RemoteHead]) throws -> Bool {
        let path = commonDirectory + "packed-refs"
        guard !FileManager.default.fileExists(atPath: path), try references(withPrefix: "refs/").isEmpty else {
            return false
        }
        var targets: [String: ObjectID] = [:]
        var peeled: [String: ObjectID] = [:]
        for head in heads {
            if head.name.hasPrefix("refs/tags/") && head.name.hasSuffix("^{}") {
                peeled[String(head.name.dropLast(3))] = head.target
            } else if head.name.hasPrefix("refs/tags/") {
                targets[head.name] = head.target
            } else if head.name.hasPrefix("refs/heads/") {
                targets["refs/remotes/\(name)/" + head.name.dropFirst("refs/heads/".count)] = head.target
            }
        }
        let valid = try targets.filter { ref, _ in
            var valid: Int32 = 0
            try GitError.check(git_reference_name_is_valid(&valid, ref), "git_reference_name_is_valid")
            return valid == 1
        }
        try replaceFileUnderLock(path) { _ in try PackedRefs(bytes: []).adding(valid, peeled: peeled).bytes }
        return true
    }
}
