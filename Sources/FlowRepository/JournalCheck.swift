import Foundation
import Git

/// A journal is read back after a crash and then applied: before it is, every part is checked to
/// be something flowctl itself writes, so a journal put there by anyone else (or damaged) can
/// never make a command write outside the working tree, move a ref outside flowctl's, or delete a
/// file for want of an object id.
enum JournalCheck {
    /// The members a journal's transaction, file and ref may have: what `journalText` writes.
    static let transactionMembers: Set<String> = [
        "operation", "files", "refs", "headBefore", "headAfter", "baseBefore", "baseAfter", "undoing",
        "detachedBefore",
        "startsMerge",
    ]
    static let fileMembers: Set<String> = [
        "path", "before", "after", "indexBefore", "indexAfter", "executableBefore", "executableAfter",
    ]
    static let refMembers: Set<String> = ["name", "before", "after"]

    /// The refs a transaction may move: branches, and flowctl's own discards.
    static let refPrefixes = ["refs/heads/", "refs/flowctl/"]

    /// The largest journal read: a transaction of every file of the largest flow is far smaller.
    static let maximumSize = 64 << 20

    /// The transaction in journal `bytes`, or why it is not one flowctl wrote.
    static func transaction(from bytes: [UInt8]) throws(JournalProblem) -> Transaction {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let transaction = try? JSONDecoder().decode(Transaction.self, from: Data(bytes))
        else { throw JournalProblem("it is not a transaction's JSON") }
        try requireKnownMembers(object, transactionMembers, "the transaction")
        for file in object["files"] as? [Any] ?? [] {
            try requireKnownMembers(file as? [String: Any] ?? [:], fileMembers, "a file")
        }
        for ref in object["refs"] as? [Any] ?? [] {
            try requireKnownMembers(ref as? [String: Any] ?? [:], refMembers, "a ref")
        }
        try check(transaction)
        return transaction
    }

    static func check(_ transaction: Transaction) throws(JournalProblem) {
        for file in transaction.files {
            guard isInsideWorkingTree(file.path) else {
                throw JournalProblem("file path '\(file.path)' is not a path inside the working tree")
            }
            for id in [file.before, file.after, file.indexBefore, file.indexAfter] {
                try requireObjectID(id, for: file.path)
            }
        }
        for ref in transaction.refs {
            guard isFlowctlRef(ref.name) else {
                throw JournalProblem("ref '\(ref.name)' is not a branch or one of flowctl's refs")
            }
            try requireObjectID(ref.before, for: ref.name)
            try requireObjectID(ref.after, for: ref.name)
        }
        for head in [transaction.headBefore, transaction.headAfter].compactMap({ $0 }) {
            guard head.hasPrefix("refs/heads/"), isFlowctlRef(head) else {
                throw JournalProblem("HEAD '\(head)' is not a branch")
            }
        }
        try requireObjectID(transaction.detachedBefore, for: "HEAD")
        for base in [transaction.baseBefore, transaction.baseAfter].compactMap({ $0 }) {
            guard let parsed = WorktreeBase(base), isFlowctlRef(parsed.branch) else {
                throw JournalProblem("base '\(base)' is not a branch and a commit")
            }
        }
    }

    private static func requireKnownMembers(_ object: [String: Any], _ known: Set<String>, _ what: String)
        throws(JournalProblem)
    {
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw JournalProblem("\(what) has a step flowctl does not write, '\(unknown)'")
        }
    }

    private static func requireObjectID(_ id: String?, for name: String) throws(JournalProblem) {
        guard let id, ObjectID(hex: id) == nil else { return }
        throw JournalProblem("'\(id)' for '\(name)' is not an object id")
    }

    /// A relative path of plain components below the root: no `..`, `.`, empty component, `.git`
    /// (in any case, as case-insensitive file systems read it), backslash or control character.
    static func isInsideWorkingTree(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"),
            !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\u{7F}" || $0 == "\\" })
        else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { component in
            !component.isEmpty && component != "." && component != ".." && component.lowercased() != ".git"
        }
    }

    /// A ref name under `refs/heads/` or `refs/flowctl/` that git would accept: plain components,
    /// none starting with a dot or ending in `.lock`, no `..` and nothing git reserves.
    static func isFlowctlRef(_ name: String) -> Bool {
        guard refPrefixes.contains(where: name.hasPrefix), isInsideWorkingTree(name), !name.contains("..") else {
            return false
        }
        let reserved: Set<Character> = [" ", "~", "^", ":", "?", "*", "["]
        guard !name.contains(where: reserved.contains), !name.contains("@{"), !name.hasSuffix(".") else {
            return false
        }
        return name.split(separator: "/").allSatisfy { !$0.hasPrefix(".") && !$0.hasSuffix(".lock") }
    }
}

/// Why a journal was refused.
struct JournalProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension JournalCheck {
    /// The bytes of the journal at `path`, nil when there is none; a symbolic link, anything but a
    /// regular file, or a file over `maximumSize` is refused, never followed or read.
    static func read(_ path: String) throws(JournalProblem) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw JournalProblem(errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw JournalProblem("it is not a regular file")
        }
        guard Int(info.st_size) <= maximumSize else { throw JournalProblem("it is \(info.st_size) bytes") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw JournalProblem(String(cString: strerror(errno))) }
            if count == 0 || bytes.count > maximumSize { break }
            bytes += chunk.prefix(count)
        }
        return bytes
    }
}
