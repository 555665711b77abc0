import CallFlow
import Foundation
import Git

/// What the server's gate (`PushCheck`) needs of a flow a push leaves alone: its main block's
/// name, extension and numbers, to find clashes and callflow targets, by the flow's commit:
/// `flowctl/gate-mains` in the git folder. Without it every push read and decoded the main
/// block of every flow of the repository (0.3 s for a push of one flow into 10,000). A commit's
/// main block never changes, so an entry is right for as long as the build that wrote it (the
/// header names the build, as `BlockCheckCache` does); the file holds the tips after the last
/// push checked, so it never outgrows the repository's flows. A file that does not read back
/// exactly is ignored whole: it is only ever a shortcut.
struct GateMainsCache {
    enum Entry: Equatable {
        case main(MainBlock)
        /// The flow's files did not read at that commit.
        case unreadable
    }

    var entries: [ObjectID: Entry] = [:]

    static let header = "flowctl gate-mains 1 " + BlockCheckCache.buildIdentity

    static func path(in git: Repository) -> String { FlowLayout.flowctlDirectory(git) + "gate-mains" }

    init() {}

    /// The cache `git` keeps; empty when it is missing, another build's, or not exactly readable.
    init(of git: Repository) {
        guard let data = FileManager.default.contents(atPath: Self.path(in: git)),
            let text = String(data: data, encoding: .utf8), text.hasSuffix("\n")
        else { return }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard lines.first.map(String.init) == Self.header else { return }
        lines = lines.dropFirst()
        var read: [ObjectID: Entry] = [:]
        for line in lines {
            guard let (commit, entry) = Self.entry(line) else { return }
            read[commit] = entry
        }
        entries = read
    }

    /// One line: the commit, then `!` for a flow that did not read, or the name, `=` and the
    /// extension (or nothing), and each number, separated by tabs.
    private static func entry(_ line: Substring) -> (ObjectID, Entry)? {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count >= 2, let commit = ObjectID(hex: String(fields[0])) else { return nil }
        if fields.count == 2 && fields[1] == "!" { return (commit, .unreadable) }
        let numbers = fields.dropFirst(3).compactMap(unescaped)
        guard fields.count >= 3, fields[2].isEmpty || fields[2].hasPrefix("="), let name = unescaped(fields[1]),
            numbers.count == fields.count - 3
        else { return nil }
        let `extension` = fields[2].isEmpty ? nil : unescaped(fields[2].dropFirst())
        guard fields[2].isEmpty || `extension` != nil else { return nil }
        return (commit, .main(MainBlock(name: name, extension: `extension`, numbers: numbers)))
    }

    /// Keeps the cache for the next push. A cache that cannot be written only costs that push time.
    func write(to git: Repository) {
        var text = Self.header + "\n"
        for (commit, entry) in entries {  // in no particular order: the file is read into a dictionary
            switch entry {
            case .unreadable: text += "\(commit)\t!\n"
            case .main(let main):
                let fields = [Self.escaped(main.name), main.extension.map { "=" + Self.escaped($0) } ?? ""]
                text += ([commit.description] + fields + main.numbers.map(Self.escaped)).joined(separator: "\t") + "\n"
            }
        }
        // Two pushes checked at once each write a whole file of their own, then rename it.
        let path = Self.path(in: git)
        let temporary = path + ".\(getpid()).tmp"
        let folder = FlowLayout.flowctlDirectory(git)
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST,
            (try? FileWriting.write(Array(text.utf8), to: temporary)) != nil,
            rename(temporary, path) == 0
        else {
            unlink(temporary)
            return
        }
    }

    /// `%`, tab, line feed and carriage return as `%25`, `%09`, `%0A`, `%0D`.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\t": out += "%09"
            case "\n": out += "%0A"
            case "\r": out += "%0D"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    static func unescaped(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        return text.removingPercentEncoding
    }
}
