import CallFlow
import Foundation

extension FlowSync {
    /// Makes git merge flow files with `flowctl merge-driver` (`command` runs flowctl): the
    /// attributes go in `.git/info/attributes`, which every flow's branch shares and no commit
    /// carries, and the driver in `.git/config`. A `post-merge` hook that names the exits a merge
    /// left leading nowhere goes in `.git/hooks` when there is none (and no `core.hooksPath`).
    /// Run again, it changes nothing. Returns whether the driver was set up already (a
    /// repository flowctl initialized before, rather than one plain git made).
    @discardableResult
    public func setUpMergeDriver(command: String) throws -> Bool {
        let wasSetUp = try gitCall { try git.configString("merge.flowctl.driver") } != nil
        let attributes = URL(fileURLWithPath: git.commonDirectory).appendingPathComponent("info/attributes")
        let lines = ["\(FlowCodec.mainFile) merge=flowctl", "\(FlowCodec.blocksFolder)/*.yaml merge=flowctl"]
        var text = (try? String(contentsOf: attributes, encoding: .utf8)) ?? ""
        let missing = lines.filter { !text.split(separator: "\n").contains(Substring($0)) }
        if !missing.isEmpty {
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            text += missing.joined(separator: "\n") + "\n"
            do {
                try FileManager.default.createDirectory(
                    at: attributes.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: attributes, atomically: true, encoding: .utf8)
            } catch {
                throw FlowError.fileSystem(path: attributes.path, reason: "\(error)")
            }
        }
        try gitCall {
            try git.setConfigString("merge.flowctl.name", "flowctl: merge flow files field by field")
            try git.setConfigString("merge.flowctl.driver", "\(command) merge-driver %O %A %B %P")
        }
        try installHook("post-merge", "names the exits a merge left leading nowhere", command: command)
        // Every commit runs it: without a merge record it ends in the shell, so a commit never
        // waits for flowctl, nor fails for want of it.
        try installHook(
            "pre-commit", "refuses to conclude a flowctl pull's merge with conflicts unsettled", command: command,
            unless: "[ -e \"$(git rev-parse --git-dir)/flowctl/merge.json\" ] || exit 0\n"
                + "command -v \(command) >/dev/null || { echo \"pre-commit: flowctl (\(command)) is not there to check "
                + "a merge 'flowctl pull' may have started; finish it with 'flowctl save' or abort it with 'flowctl "
                + "cancel'\" >&2; exit 1; }\n")
        return wasSetUp
    }

    /// Installs `.git/hooks/NAME` running `flowctl hook NAME`, when there is none (and no
    /// `core.hooksPath`): a hook the user has is theirs.
    private func installHook(_ name: String, _ purpose: String, command: String, unless shortcut: String = "")
        throws
    {
        guard try gitCall({ try git.configString("core.hooksPath") }) == nil else { return }
        let hook = URL(fileURLWithPath: git.commonDirectory).appendingPathComponent("hooks/\(name)")
        guard !FileManager.default.fileExists(atPath: hook.path) else { return }
        let script =
            "#!/bin/sh\n# Installed by flowctl init: \(purpose).\n" + shortcut
            + "exec \(command) hook \(name) \"$@\"\n"
        do {
            try FileManager.default.createDirectory(
                at: hook.deletingLastPathComponent(), withIntermediateDirectories: true)
            try script.write(to: hook, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        } catch {
            throw FlowError.fileSystem(path: hook.path, reason: "\(error)")
        }
    }
}
