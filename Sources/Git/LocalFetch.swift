import CLibGit2
import Foundation
import Glibc

extension Repository {
    /// Brings the objects a fetch from a repository on this machine needs in with git's own
    /// `fetch-pack`, before libgit2's fetch records it. libgit2 1.5 negotiates a fetch by
    /// inserting every ref of the repository into a date-sorted list one at a time
    /// (`git_smart__negotiate_fetch`): seconds of CPU with 10,000 flows and their 10,000
    /// remote-tracking branches, where git's negotiation takes milliseconds. With the objects
    /// here, libgit2 wants nothing, skips its negotiation, and updates and prunes the refs as
    /// before, so what a fetch records does not change.
    ///
    /// Returns the pack fetch-pack kept locked (a `.keep` file, so that a `git gc` between
    /// the two steps cannot drop objects no ref names yet), for `unlockFetchedPack` once the
    /// refs are written. Nothing, and nothing done, when the remote is not on this machine or
    /// git is not installed; a failure is left to libgit2's fetch, which reports it as before.
    func prefetchObjects(from url: String, environment: [String: String]) -> String? {
        guard let path = LocalService.path(ofLocalURL: url),
            GitChild.onPath("git", environment: environment) != nil,
            let output = try? GitChild.unnamedFile(for: "fetch-pack")
        else { return nil }
        defer { close(output) }
        let variables = environment.filter { !LocalService.localRepositoryVariables.contains($0.key) }
        guard
            let child = try? GitChild.start(
                ["--git-dir=" + gitDirectory, "fetch-pack", "--all", "--no-progress", path], program: "fetch-pack",
                environment: variables, output: output),
            child.finish()
        else { return nil }
        // fetch-pack's report: "keep\t<pack hash>" for a pack it locked, then "<oid> <ref>" lines.
        let report = String(decoding: GitChild.contents(of: output), as: UTF8.self)
        return report.split(separator: "\n").first { $0.hasPrefix("keep\t") }.map { String($0.dropFirst(5)) }
    }

    /// True when every object the remote advertised is here already: a fetch with nothing new.
    func lacksNone(of heads: [RemoteHead]) throws -> Bool {
        var odb: OpaquePointer?
        try GitError.check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        return heads.allSatisfy { head in withUnsafePointer(to: head.target.raw) { git_odb_exists(odb, $0) == 1 } }
    }

    /// Lets `git gc` repack a pack `prefetchObjects` kept, as `git fetch` does once its refs
    /// are written.
    func unlockFetchedPack(_ hash: String) {
        guard hash.allSatisfy(\.isHexDigit) else { return }
        unlink(commonDirectory + "objects/pack/pack-\(hash).keep")
    }
}
