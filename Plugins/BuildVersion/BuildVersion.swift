import Foundation
import PackagePlugin

/// Stamps the build with its version before flowctl is compiled: `git describe` of the package
/// (`0.2.0` on a release tag, `0.2.0-14-gabc1234` after it, `-dirty` with uncommitted changes),
/// else the newest release in CHANGELOG.md (a tree without git, as a release tarball).
/// scripts/build-version does the work. The build system runs it again when what the version
/// depends on changes: the commit checked out, the tags, and every source file (for `-dirty`).
@main
struct BuildVersion: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildVersion.swift")
        let package = context.package.directoryURL
        let script = package.appending(path: "scripts/build-version")
        let sources = context.package.targets.compactMap { $0 as? SourceModuleTarget }.flatMap {
            $0.sourceFiles.map(\.url)
        }
        return [
            .buildCommand(
                displayName: "Stamping flowctl's version",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, package.path, output.path],
                inputFiles: [script, package.appending(path: "CHANGELOG.md")] + gitState(package) + sources,
                outputFiles: [output])
        ]
    }

    /// The files git changes when a commit is made or checked out, or a tag is added or removed;
    /// only those that exist, since a missing input fails the build (a checkout whose refs were
    /// never packed has no `packed-refs`).
    func gitState(_ package: URL) -> [URL] {
        let git = package.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: git.path, isDirectory: &isFolder), isFolder.boolValue else {
            return []
        }
        var files = ["HEAD", "index", "packed-refs", "refs/tags", "refs/heads"].map { git.appending(path: $0) }
        if let head = try? String(contentsOf: git.appending(path: "HEAD"), encoding: .utf8),
            head.hasPrefix("ref: ")
        {
            files.append(git.appending(path: head.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return files.filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
