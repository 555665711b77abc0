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
    /// Only the refs the fetch records are asked for (`refs`, see `fetchedRefs`): a server's other
    /// refs stay there, as they do for `git fetch`.
    ///
    /// Returns the pack fetch-pack kept locked (a `.keep` file, so that a `git gc` between
    /// the two steps cannot drop objects no ref names yet), for `unlockFetchedPack` once the
    /// refs are written. Nothing, and nothing done, when the remote is not on this machine or
    /// git is not installed; a failure is left to libgit2's fetch, which reports it as before.
    func prefetchObjects(from url: String, refs: Set<String>, environment: [String: String]) -> String? {
        guard !refs.isEmpty, let path = LocalService.path(ofLocalURL: url),
            GitChild.onPath("git", environment: environment) != nil,
            let input = try? GitChild.unnamedFile(for: "fetch-pack"),
            let output = try? GitChild.unnamedFile(for: "fetch-pack")
        else { return nil }
        defer {
            close(input)
            close(output)
        }
        // The refs the fetch will record, one a line, on fetch-pack's stdin (`--stdin`).
        let names = Array(refs.sorted().map { $0 + "\n" }.joined().utf8)
        guard names.withUnsafeBytes({ write(input, $0.baseAddress, $0.count) }) == names.count,
            lseek(input, 0, SEEK_SET) == 0
        else { return nil }
        let variables = environment.filter { !LocalService.localRepositoryVariables.contains($0.key) }
        guard
            let child = try? GitChild.start(
                ["--git-dir=" + gitDirectory, "fetch-pack", "--stdin", "--no-progress", path], program: "fetch-pack",
                environment: variables, input: input, output: output),
            child.finish()
        else { return nil }
        // fetch-pack's report: "keep\t<pack hash>" for a pack it locked, then "<oid> <ref>" lines.
        let report = String(decoding: GitChild.contents(of: output), as: UTF8.self)
        return report.split(separator: "\n").first { $0.hasPrefix("keep\t") }.map { String($0.dropFirst(5)) }
    }

    /// The advertised refs a fetch from `remote` records: those its fetch refspecs take, and
    /// every tag (the fetch takes them all, as libgit2's `GIT_REMOTE_DOWNLOAD_TAGS_ALL`).
    func fetchedRefs(of remote: OpaquePointer, among heads: [RemoteHead]) -> Set<String> {
        let specs = (0..<git_remote_refspec_count(remote)).compactMap { git_remote_get_refspec(remote, $0) }
            .filter { git_refspec_direction($0) == GIT_DIRECTION_FETCH }
        let names = heads.map(\.name).filter { name in
            name.hasPrefix("refs/tags/")
                ? !name.hasSuffix("^{}") : specs.contains { git_refspec_src_matches($0, name) != 0 }
        }
        return Set(names)
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
