import CLibGit2
import Foundation

/// Who made a commit and when, as a plain value.
public struct Signature: Sendable, Equatable {
    public var name: String
    public var email: String
    /// Seconds since 1970-01-01 UTC.
    public var time: Int64
    /// The author's time zone, in minutes east of UTC.
    public var offsetMinutes: Int

    public init(name: String, email: String, time: Int64, offsetMinutes: Int) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    init(_ raw: UnsafePointer<git_signature>) {
        name = String(cString: raw.pointee.name)
        email = String(cString: raw.pointee.email)
        time = raw.pointee.when.time
        offsetMinutes = Int(raw.pointee.when.offset)
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(time)) }

    /// Calls `body` with a libgit2 copy of this signature, freed afterwards.
    func withRaw<T>(_ body: (UnsafePointer<git_signature>) throws -> T) throws -> T {
        var raw: UnsafeMutablePointer<git_signature>?
        try GitError.check(git_signature_new(&raw, name, email, time, Int32(offsetMinutes)), "git_signature_new")
        defer { git_signature_free(raw) }
        return try body(raw!)
    }
}

extension Repository {
    /// Looks up once who signs the reflog's entries, as git does (the committer: `GIT_COMMITTER_*`,
    /// then `user.name` and `user.email`, then `EMAIL`; "unknown" when there is none, as libgit2
    /// has it), and gives it to libgit2 as the repository's identity. libgit2
    /// otherwise takes a snapshot of the whole configuration for every ref it moves: with an
    /// upstream per flow, the `.git/config` of 10,000 flows has 20,000 entries, all copied for
    /// each of the refs a fetch, push or pull moves (about 40 ms a ref).
    func pinReflogIdentity() {
        guard !reflogIdentityPinned else { return }
        reflogIdentityPinned = true
        if let committer = try? identity(for: .committer) {
            git_repository_set_ident(pointer, committer.name, committer.email)
            return
        }
        git_error_clear()
        var signature: UnsafeMutablePointer<git_signature>?
        guard git_signature_default(&signature, pointer) == 0, let signature else {
            git_error_clear()
            git_repository_set_ident(pointer, "unknown", "unknown")
            return
        }
        defer { git_signature_free(signature) }
        git_repository_set_ident(pointer, signature.pointee.name, signature.pointee.email)
    }
}

/// Which side of a commit an identity is for: git reads `GIT_AUTHOR_*` or `GIT_COMMITTER_*`.
public enum IdentityRole: String, Sendable {
    case author, committer

    var environmentPrefix: String { "GIT_\(rawValue.uppercased())_" }
}

extension Repository {
    /// The identity git would use: `GIT_AUTHOR_NAME`/`_EMAIL`/`_DATE` (or `GIT_COMMITTER_*`) from the
    /// environment first, then `user.name` and `user.email` from git config, then `EMAIL`.
    public func identity(
        for role: IdentityRole,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        now: Date = Date()
    ) throws -> Signature {
        let prefix = role.environmentPrefix
        let name = try environment[prefix + "NAME"].nonEmpty ?? configString("user.name").nonEmpty
        let email =
            try environment[prefix + "EMAIL"].nonEmpty ?? configString("user.email").nonEmpty
            ?? environment["EMAIL"].nonEmpty
        guard let name, let email else {
            throw GitError(
                code: GIT_ENOTFOUND.rawValue,
                message: """
                    \(role.rawValue) identity unknown: tell git who you are with
                      git config --global user.name "Your Name"
                      git config --global user.email you@example.com
                    (or set \(prefix)NAME and \(prefix)EMAIL)
                    """,
                function: "identity")
        }
        var signature = Signature(
            name: name, email: email, time: Int64(now.timeIntervalSince1970.rounded(.down)),
            offsetMinutes: TimeZone.current.secondsFromGMT(for: now) / 60)
        if let date = environment[prefix + "DATE"].nonEmpty {
            guard let parsed = GitDate(parsing: date) else {
                throw GitError(
                    code: -1,
                    message:
                        "\(prefix)DATE '\(date)' is not a date git understands here: use '@<seconds> +hhmm' or ISO 8601",
                    function: "identity")
            }
            signature.time = parsed.time
            signature.offsetMinutes = parsed.offsetMinutes
        }
        return signature
    }
}

/// The date forms of `GIT_AUTHOR_DATE` that scripts use: git's internal `[@]<seconds> [+-]hhmm`,
/// and ISO 8601 (`2026-11-29T10:00:00+01:00`, `...Z`).
struct GitDate {
    var time: Int64
    var offsetMinutes: Int

    init?(parsing text: String) {
        let parts = text.split(separator: " ")
        if let first = parts.first, let seconds = Int64(first.hasPrefix("@") ? first.dropFirst() : first[...]) {
            guard parts.count <= 2 else { return nil }
            time = seconds
            if parts.count == 2 {
                guard let offset = Self.offset(hhmm: parts[1]) else { return nil }
                offsetMinutes = offset
            } else {
                offsetMinutes = 0
            }
            return
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { return nil }
        time = Int64(date.timeIntervalSince1970)
        offsetMinutes = Self.offset(iso: text)
    }

    private static func offset(hhmm: Substring) -> Int? {
        guard hhmm.count == 5, let sign = hhmm.first, sign == "+" || sign == "-",
            let hours = Int(hhmm.dropFirst().prefix(2)), let minutes = Int(hhmm.suffix(2))
        else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
    }

    private static func offset(iso: String) -> Int {
        guard !iso.hasSuffix("Z"), iso.count >= 6 else { return 0 }
        let tail = iso.suffix(6)
        return offset(hhmm: Substring(tail.replacingOccurrences(of: ":", with: ""))) ?? 0
    }
}

extension Optional where Wrapped == String {
    fileprivate var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
