import Foundation
import Glibc

extension FlowSync {
    /// `flowctl clone`: a new repository at `path` (which must not exist, or be an empty
    /// folder) with `url` as its remote origin, every flow of it fetched, the merge driver set
    /// up, and the remote's default flow (its HEAD's branch, when that is a flow; else the first
    /// by id) opened. All or nothing: the clone is made in a hidden staging folder beside `path`
    /// and renamed into place when it is complete, so a clone that fails, or is killed, leaves no
    /// `path` (a killed one leaves its staging folder, which the next clone there removes).
    public static func clone(
        _ url: String, into path: String, mergeDriver: String, transfer observer: TransferObserver,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (sync: FlowSync, opened: String?) {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isFolder)
            && (!isFolder.boolValue || !((try? files.contentsOfDirectory(atPath: path)) ?? []).isEmpty)
        {
            throw FlowError.fileSystem(path: path, reason: "exists already and is not an empty folder")
        }
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent().path
        let prefix = ".\(target.lastPathComponent).flowctl-clone-"
        removeAbandonedStagings(in: parent, prefix: prefix)
        let staging = parent + "/" + prefix + "\(getpid())"
        try? files.removeItem(atPath: staging)
        let opened = try cloneInPlace(
            url, into: staging, mergeDriver: mergeDriver, transfer: observer, environment: environment
        ).opened
        // rename(2) replaces an empty folder, and refuses one something was put into meanwhile.
        guard rename(staging, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? files.removeItem(atPath: staging)
            throw FlowError.fileSystem(path: path, reason: "could not put the clone in place: \(reason)")
        }
        return (try FlowSync(discoveringFrom: target.path, environment: environment), opened)
    }

    /// Staging folders of clones that were killed: their process is gone.
    private static func removeAbandonedStagings(in parent: String, prefix: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: parent + "/" + name)
        }
    }
}
