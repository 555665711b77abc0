import Foundation
import TestSupport
import Testing

/// The merge matrix: each case is two commits on one base, made with git plumbing in a bare
/// server (`ours/<case>` and `flows/<case>`, theirs), merged twice: by `flowctl pull` in a
/// flowctl repository, and by `git pull` in a plain git repository set up with flowctl's merge
/// driver and hook ('flowctl init'). The two must agree: the same merged tree, or the same
/// conflicts named and the same files and index stages left; git fsck --strict clean in both.
@Suite struct MergeMatrixTests {
    @Test func flowctlPullAndGitPullWithTheDriverAgreeOnEveryCase() throws {
        let matrix = try Matrix()
        for merge in MergeCase.all { try matrix.check(merge) }
    }
}

/// The repositories the matrix runs in: `server.git`, `f` (flowctl's) and `g` (plain git's).
struct Matrix {
    let session: Session
    var root: String { session.scratch.path }
    var server: GitCLI { GitCLI(directory: root + "/server.git", environment: session.environment) }
    var f: GitCLI { GitCLI(directory: root + "/f", environment: session.environment) }
    var g: GitCLI { GitCLI(directory: root + "/g", environment: session.environment) }

    init() throws {
        session = try Session()
        try GitCLI(directory: root, environment: session.environment)("init", "-q", "--bare", "server.git")
        let base = try commit(on: nil, MergeCase.base)
        for merge in MergeCase.all {
            let ours = try commit(on: base, merge.ours)
            let theirs = try commit(on: merge.unrelated ? nil : base, merge.theirs)
            try server("update-ref", "refs/heads/ours/\(merge.name)", ours)
            try server("update-ref", "refs/heads/flows/\(merge.name)", theirs)
        }
        try session.flowctl("init", "f", in: root).expectSuccess()
        try GitCLI(directory: root, environment: session.environment)("init", "-q", "g")
        try session.flowctl("init", in: g.directory).expectSuccess()
        for repository in [f, g] {
            try repository("remote", "add", "origin", root + "/server.git")
            try repository("fetch", "-q", "origin", "refs/heads/ours/*:refs/heads/flows/*")
        }
    }

    /// A commit of `files` (nil: removed) on `parent`'s tree, written with plumbing alone.
    func commit(on parent: String?, _ files: [String: String?]) throws -> String {
        var environment = session.environment
        environment["GIT_INDEX_FILE"] = root + "/plumbing-index"
        // update-index wants a work tree, though it reads none here: an empty folder.
        let tree = root + "/plumbing-tree"
        try FileManager.default.createDirectory(atPath: tree, withIntermediateDirectories: true)
        (environment["GIT_DIR"], environment["GIT_WORK_TREE"]) = (server.directory, tree)
        let git = GitCLI(directory: tree, environment: environment)
        try git.run(["read-tree"] + (parent.map { [$0] } ?? ["--empty"])).expectSuccess()
        let written = files.compactMap { path, text in text.map { (path, $0) } }.sorted { $0.0 < $1.0 }
        for (number, (_, text)) in written.enumerated() {
            try text.write(toFile: root + "/blob\(number)", atomically: true, encoding: .utf8)
        }
        if !written.isEmpty {
            let ids = try Self.output(git, ["hash-object", "-w"] + written.indices.map { root + "/blob\($0)" })
                .split(separator: "\n")
            try git.run(
                ["update-index", "--add"]
                    + zip(written, ids).flatMap { ["--cacheinfo", "100644,\($1),\($0.0)"] }
            ).expectSuccess()
        }
        let removed = files.filter { $0.value == nil }.map(\.key)
        if !removed.isEmpty { try git.run(["update-index", "--force-remove"] + removed).expectSuccess() }
        let treeID = try git("write-tree")
        return try Self.output(git, ["commit-tree", treeID, "-m", "commit"] + (parent.map { ["-p", $0] } ?? []))
    }

    /// git's standard output, without its last newline; throws when git fails.
    static func output(_ git: GitCLI, _ arguments: [String]) throws -> String {
        let result = try git.run(arguments)
        guard result.status == 0 else { throw MatrixError(text: "git \(arguments): \(result.stderr)") }
        return result.stdout.hasSuffix("\n") ? String(result.stdout.dropLast()) : result.stdout
    }

    func check(_ merge: MergeCase) throws {
        let id = merge.name
        let ours = try f("rev-parse", "flows/\(id)")
        try session.flowctl("open", id, in: f.directory).expectSuccess()
        try g("checkout", "-q", "flows/\(id)")
        let byFlowctl = try session.flowctl("pull", id, in: f.directory)
        let byGit = try g.run(["pull", "--no-rebase", "--no-edit", "origin", "flows/\(id)"])
        let said = "\(id):\nflowctl: \(byFlowctl.stdout)\(byFlowctl.stderr)\ngit: \(byGit.stdout)\(byGit.stderr)"
        if merge.unrelated {
            #expect(byFlowctl.status != 0 && byGit.status != 0, "\(said)")
            for output in [byFlowctl.stderr, byGit.stderr] {
                #expect(output.contains("refusing to merge unrelated histories"), "\(said)")
            }
            #expect(try f("rev-parse", "flows/\(id)") == ours && g("rev-parse", "HEAD") == ours, "\(said)")
        } else if merge.conflicts.isEmpty {
            #expect(byFlowctl.status == 0 && byGit.status == 0, "\(said)")
            let tree = try f("rev-parse", "flows/\(id)^{tree}")
            #expect(try g("rev-parse", "HEAD^{tree}") == tree, "\(said)")
            #expect(try f("log", "-1", "--format=%P", "flows/\(id)").split(separator: " ").count == 2, "\(said)")
            for (path, line) in merge.holds {
                let file = try f.run(["show", "\(tree):\(path)"])
                #expect(
                    line.map { file.status == 0 && file.stdout.contains($0) } ?? (file.status != 0),
                    "\(id): \(path) should \(line.map { "hold '\($0)'" } ?? "be gone"): \(file.stdout)")
            }
            if let warning = merge.warns {
                #expect(byFlowctl.stderr.contains(warning) && byGit.stderr.contains(warning), "\(said)")
            }
            #expect(try f.porcelainStatus() == "" && g.porcelainStatus() == "", "\(said)")
        } else {
            #expect(byFlowctl.status == 1 && byGit.status != 0, "\(said)")
            #expect(try conflictsFlowctlNames() == Set(merge.conflicts), "\(said)")
            #expect(Self.conflictsGitNames(byGit.stdout + byGit.stderr) == Set(merge.conflicts), "\(said)")
            // Files other than the flow's are left alike: index stages and working files.
            let otherFiles = { (git: GitCLI) throws -> [String] in
                try git("ls-files", "-s").split(separator: "\n").map(String.init).filter {
                    let path = $0.split(separator: "\t").last.map(String.init) ?? ""
                    return path != "flow.yaml" && !path.hasPrefix("blocks/")
                }
            }
            #expect(try otherFiles(f) == otherFiles(g), "\(said)")
            for path in merge.conflicts where path.contains("/") || path.hasSuffix(".md") {
                #expect(
                    try String(contentsOfFile: f.directory + "/" + path, encoding: .utf8)
                        == String(contentsOfFile: g.directory + "/" + path, encoding: .utf8), "\(id): \(path)")
            }
            // status says a merge is in progress and how to end it, never "Nothing to save".
            let status = try session.flowctl("status", in: f.directory).stdout
            #expect(
                status.contains("Merging origin/flows/\(id)") && status.contains("'flowctl cancel' aborts the merge")
                    && !status.contains("Nothing to save"), "\(id): \(status)")
            for path in merge.conflicts where path.hasSuffix(".md") {
                let resolve = try session.flowctl("resolve", path, "--theirs", in: f.directory)
                #expect(resolve.status == 1 && resolve.stderr.contains("'git add \(path)'"), "\(resolve.stderr)")
            }
            if let warning = merge.warns {
                // Named by pull, and no conflict for resolve (git's merge has none there either).
                #expect(byFlowctl.stderr.contains(warning), "\(said)")
                let resolve = try session.flowctl("resolve", "extra.next", "--theirs", in: f.directory)
                #expect(
                    resolve.status == 1 && resolve.stderr.contains("not a merge conflict")
                        && !resolve.stdout.contains("settled"), "\(resolve.stdout)\(resolve.stderr)")
            }
            try session.flowctl("cancel", "--yes", in: f.directory).expectSuccess()
            try g("merge", "--abort")
            #expect(try f.porcelainStatus() == "" && f("rev-parse", "HEAD") == ours, "\(id): cancel")
        }
        for git in [f, g] {
            let fsck = try git.run(["fsck", "--strict", "--no-dangling"])
            #expect(
                fsck.status == 0 && fsck.stdout.isEmpty, "\(id): fsck \(git.directory): \(fsck.stdout)\(fsck.stderr)")
        }
    }

    /// The conflicts `flowctl status --json` lists for the merge in progress.
    func conflictsFlowctlNames() throws -> Set<String> {
        let status = try session.flowctl("status", "--json", in: f.directory)
        let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let conflicts = (object?["merge"] as? [String: Any])?["conflicts"] as? [[String: Any]] ?? []
        // A dangling exit is listed beside them, but is no conflict.
        return Set(conflicts.filter { $0["kind"] as? String != "dangling-exit" }.compactMap { $0["name"] as? String })
    }

    /// The conflicts git's merge names, in flowctl's terms: a field the driver found changed
    /// both ways (BLOCK.FIELD, main.FIELD), a block file removed on one side and changed (or
    /// renamed: BLOCK, its new id) on the other, any other file's path.
    static func conflictsGitNames(_ output: String) -> Set<String> {
        func owner(_ path: String) -> String? {
            if path == "flow.yaml" { return "main" }
            guard path.hasPrefix("blocks/"), path.hasSuffix(".yaml") else { return nil }
            return String(path.dropFirst("blocks/".count).dropLast(".yaml".count))
        }
        var names: Set<String> = []
        for line in output.split(separator: "\n").map(String.init) {
            if let rest = line.dropPrefix("flowctl merge-driver: "), let colon = rest.range(of: ": ") {
                let field = rest[colon.upperBound...].components(separatedBy: " changed both ways")[0]
                let path = String(rest[..<colon.lowerBound])
                names.insert("\(owner(path) ?? path).\(field == "exits.next" ? "next" : field)")
            } else if let rest = line.dropPrefix("CONFLICT (modify/delete): ") {
                let path = rest.components(separatedBy: " deleted in ")[0]
                names.insert(owner(path) ?? path)
            } else if let rest = line.dropPrefix("CONFLICT (rename/delete): "),
                let renamed = rest.components(separatedBy: " renamed to ").dropFirst().first
            {
                let path = renamed.components(separatedBy: " in ")[0]
                names.insert(owner(path) ?? path)
            } else if line.hasPrefix("CONFLICT ("), let path = line.components(separatedBy: "Merge conflict in ").last,
                line.contains("Merge conflict in "), owner(path) == nil
            {
                names.insert(path)
            }
        }
        return names
    }
}

extension String {
    fileprivate func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}

struct MatrixError: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}
