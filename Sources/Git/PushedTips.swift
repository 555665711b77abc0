import CLibGit2
import Foundation
import Glibc

/// A ref a push sent and the server took: its name there and the commit it now points at
/// (nil: the push deleted it).
struct SentRef {
    let name: String
    let target: ObjectID?
}

extension Repository {
    /// Records what a push sent in the remote-tracking refs, as `git push` does (and libgit2's
    /// `git_push_update_tips`): each ref the server took, mapped by the remote's first fetch
    /// refspec that matches it, set with the reflog message "update by push". libgit2 writes a
    /// loose ref and a reflog entry for each under its own lock, and matches each against every
    /// other: a third of a push of 3,000 new flows. Many tracking refs that did not exist are
    /// added to `packed-refs` in one write instead (as `git pack-refs` would leave them), each
    /// with its reflog; the rest go through libgit2 as before.
    func recordSentRefs(_ sent: [SentRef], remote: OpaquePointer) throws {
        let specs = (0..<git_remote_refspec_count(remote)).compactMap { git_remote_get_refspec(remote, $0) }
            .filter { git_refspec_direction($0) == GIT_DIRECTION_FETCH }
        var tracking: [(name: String, target: ObjectID?)] = []
        for ref in sent {
            guard let spec = specs.first(where: { git_refspec_src_matches($0, ref.name) != 0 }) else { continue }
            var buffer = git_buf()
            defer { git_buf_dispose(&buffer) }
            try GitError.check(git_refspec_transform(&buffer, spec, ref.name), "git_refspec_transform")
            tracking.append((String(cString: buffer.ptr), ref.target))
        }
        pinReflogIdentity()
        var rest = tracking
        let new = tracking.compactMap { ref in ref.target.map { (name: ref.name, target: $0) } }
        if new.count > Self.manyRefs, let added = try? addNewRefsToPackedRefs(new) {
            rest = tracking.filter { added[$0.name] == nil }
            try appendReflogs(added.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, message: "update by push")
        }
        for ref in rest {
            guard let target = ref.target else {
                var found: OpaquePointer?
                if git_reference_lookup(&found, pointer, ref.name) == 0 {
                    defer { git_reference_free(found) }
                    try GitError.check(git_reference_delete(found), "git_reference_delete")
                } else {
                    git_error_clear()
                }
                continue
            }
            var created: OpaquePointer?
            let result = withUnsafePointer(to: target.raw) {
                git_reference_create(&created, pointer, ref.name, $0, 1, "update by push")
            }
            git_reference_free(created)
            try GitError.check(result, "git_reference_create")
        }
    }

    /// Past this many refs, one write of `packed-refs` costs less than a loose ref each.
    static let manyRefs = 32

    /// Adds those of `refs` that exist nowhere yet, and clash with no ref as a folder or a file
    /// of its path, to `packed-refs` under its lock, and returns them. Fails, adding nothing,
    /// when `packed-refs` is locked or is not one.
    private func addNewRefsToPackedRefs(_ refs: [(name: String, target: ObjectID)]) throws -> [String: ObjectID] {
        let existing = try referenceNames()
        let candidates = Dictionary(
            refs.filter { !existing.contains($0.name) }, uniquingKeysWith: { first, _ in first })
        // A candidate that clashes with another stays with libgit2 too, which says why.
        let names = existing.union(candidates.keys)
        let sorted = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let added = candidates.filter { !Self.clashes($0.key, names: names, sorted: sorted) }
        guard !added.isEmpty else { return [:] }
        try replaceFileUnderLock(commonDirectory + "packed-refs") { old in
            try PackedRefs(bytes: old).adding(added).bytes
        }
        return added
    }

    /// Whether ref `name` has another of `names` as a folder of its path, or is one itself.
    /// `sorted`: the same names by their bytes, where those under `name/` follow the first
    /// that is not below it.
    private static func clashes(_ name: String, names: Set<String>, sorted: [String]) -> Bool {
        var folder = name
        while let slash = folder.lastIndex(of: "/") {
            folder = String(folder[..<slash])
            if names.contains(folder) { return true }
        }
        let under = name + "/"
        let first = sorted.partitioningIndex { !$0.utf8.lexicographicallyPrecedes(under.utf8) }
        return first < sorted.count && sorted[first].hasPrefix(under)
    }

    /// Every ref's name, symbolic ones too.
    private func referenceNames() throws -> Set<String> {
        var iterator: OpaquePointer?
        try GitError.check(git_reference_iterator_new(&iterator, pointer), "git_reference_iterator_new")
        defer { git_reference_iterator_free(iterator) }
        var names: Set<String> = []
        while true {
            var name: UnsafePointer<CChar>?
            let result = git_reference_next_name(&name, iterator)
            if result == GIT_ITEROVER.rawValue {
                git_error_clear()
                return names
            }
            try GitError.check(result, "git_reference_next_name")
            if let name { names.insert(String(cString: name)) }
        }
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, which must be false then true
    /// along the array.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension Repository {
    /// Appends an entry to the reflog of each of `refs`, new refs all, where libgit2 would write
    /// one: `core.logAllRefUpdates` true (the default outside a bare repository) for refs under
    /// heads, remotes and notes, `always` for any; signed by the identity libgit2 signs with.
    func appendReflogs(_ refs: [(name: String, target: ObjectID)], message: String) throws {
        let setting = try configString("core.logAllRefUpdates")?.lowercased()
        let always = setting == "always"
        let logged = setting.map { !["false", "no", "off", "0"].contains($0) } ?? (workdir != nil)
        pinReflogIdentity()
        var name: UnsafePointer<CChar>?
        var email: UnsafePointer<CChar>?
        var signature: UnsafeMutablePointer<git_signature>?
        try GitError.check(git_repository_ident(&name, &email, pointer), "git_repository_ident")
        // pinReflogIdentity has set both.
        try GitError.check(git_signature_now(&signature, name!, email!), "git_signature_now")
        defer { git_signature_free(signature) }
        let who = signature!.pointee
        let offset = Int(who.when.offset)
        let zone = String(format: "%@%02d%02d", offset < 0 ? "-" : "+", abs(offset) / 60, abs(offset) % 60)
        let identity = "\(String(cString: who.name)) <\(String(cString: who.email))> \(who.when.time) \(zone)"
        let zero = String(repeating: "0", count: 40)
        var folders: Set<String> = []
        for ref in refs {
            let logs =
                always || logged && ["refs/heads/", "refs/remotes/", "refs/notes/"].contains { ref.name.hasPrefix($0) }
            guard logs else { continue }
            let path = commonDirectory + "logs/" + ref.name
            let folder = String(path[..<path.lastIndex(of: "/")!])
            if folders.insert(folder).inserted {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            let line = Array("\(zero) \(ref.target) \(identity)\t\(message)\n".utf8)
            let file = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o666)
            guard file >= 0 else {
                throw GitError(
                    code: GIT_ERROR.rawValue, message: "cannot open '\(path)': \(String(cString: strerror(errno)))",
                    function: "open")
            }
            defer { close(file) }
            guard line.withUnsafeBytes({ write(file, $0.baseAddress, $0.count) }) == line.count else {
                throw GitError(
                    code: GIT_ERROR.rawValue, message: "cannot write '\(path)': \(String(cString: strerror(errno)))",
                    function: "write")
            }
        }
    }
}
