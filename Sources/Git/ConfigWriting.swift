import CLibGit2
import Foundation

/// One `[name "subsection"]` section of a git configuration file, with its entries in order.
public struct ConfigSection: Sendable, Equatable {
    public var name: String
    public var subsection: String?
    public var entries: [Entry]

    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String

        public init(_ key: String, _ value: String) {
            (self.key, self.value) = (key, value)
        }
    }

    public init(_ name: String, _ subsection: String?, _ entries: [Entry]) {
        (self.name, self.subsection, self.entries) = (name, subsection, entries)
    }

    /// The section as git writes it: the subsection and values quoted and escaped where git's
    /// parser needs it (git-config(1), "Syntax").
    var text: String {
        let header = subsection.map { "[\(name) \"\(Self.escaped($0))\"]" } ?? "[\(name)]"
        return ([header] + entries.map { "\t\($0.key) = \(Self.quotedValue($0.value))" }).joined(separator: "\n") + "\n"
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(character)
            }
        }
        return out
    }

    static func quotedValue(_ value: String) -> String {
        let needsQuotes =
            value.first == " " || value.last == " " || value.contains(where: { "#;\"\\\n\t".contains($0) })
        return needsQuotes ? "\"\(escaped(value))\"" : value
    }
}

extension Repository {
    /// Appends `sections` to the repository's own configuration (`.git/config`) in one write,
    /// under the lock git and libgit2 take (`config.lock`, renamed over the file). libgit2's
    /// `git_config_set_string` reads, parses and rewrites the whole file for every entry, even
    /// inside `git_config_lock`, so setting one entry per flow of thousands was quadratic.
    /// For keys the configuration does not have yet: the caller checks (git reads a repeated
    /// section as one, and a repeated key as a second value).
    public func appendConfig(_ sections: [ConfigSection]) throws {
        guard !sections.isEmpty else { return }
        let path = commonDirectory + "config"
        try replaceFileUnderLock(path) { old in
            var bytes = old
            if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
            return bytes + Array(sections.map(\.text).joined().utf8)
        }
    }

    /// Replaces file `path` with what `contents` makes of its bytes (empty when it does not
    /// exist), as git and libgit2 replace their files: written to `path.lock`, created only if
    /// no other writer holds it, then renamed over the file.
    func replaceFileUnderLock(_ path: String, _ contents: ([UInt8]) throws -> [UInt8]) throws {
        let lockPath = path + ".lock"
        let lock = open(lockPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard lock >= 0 else {
            let busy = errno == EEXIST
            throw GitError(
                code: busy ? GIT_ELOCKED.rawValue : GIT_ERROR.rawValue,
                message: busy
                    ? "failed to lock file '\(lockPath)' for writing: another process holds it"
                    : "failed to create '\(lockPath)': \(String(cString: strerror(errno)))",
                function: "open")
        }
        var renamed = false
        defer {
            close(lock)
            if !renamed { unlink(lockPath) }
        }
        let bytes = try contents([UInt8]((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()))
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(lock, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw GitError(
                    code: GIT_ERROR.rawValue,
                    message: "failed to write '\(lockPath)': \(String(cString: strerror(errno)))", function: "write")
            }
            written += count
        }
        guard rename(lockPath, path) == 0 else {
            throw GitError(
                code: GIT_ERROR.rawValue,
                message: "failed to rename '\(lockPath)': \(String(cString: strerror(errno)))", function: "rename")
        }
        renamed = true
    }
}
