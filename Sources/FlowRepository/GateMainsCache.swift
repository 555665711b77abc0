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
    /// Read as bytes: on a server of 10,000 flows, splitting it as a String was 40% of a push's check.
    init(of git: Repository) {
        guard let data = FileManager.default.contents(atPath: Self.path(in: git)), data.last == newline else { return }
        entries = data.withUnsafeBytes { Self.entries(in: $0.bindMemory(to: UInt8.self)) } ?? [:]
    }

    /// The entries after the header line, or nil when any line does not read exactly.
    private static func entries(in bytes: UnsafeBufferPointer<UInt8>) -> [ObjectID: Entry]? {
        let lines = bytes.split(separator: newline, omittingEmptySubsequences: false).dropLast()
        guard let first = lines.first, first.elementsEqual(header.utf8) else { return nil }
        var read: [ObjectID: Entry] = [:]
        read.reserveCapacity(lines.count)
        for line in lines.dropFirst() {
            guard let (commit, entry) = entry(line) else { return nil }
            read[commit] = entry
        }
        return read
    }

    /// One line: the commit, then `!` for a flow that did not read, or the name, `=` and the
    /// extension (or nothing), and each number, separated by tabs.
    private static func entry(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> (ObjectID, Entry)? {
        let fields = line.split(separator: tab, omittingEmptySubsequences: false)
        guard fields.count >= 2, let commit = ObjectID(hexBytes: UnsafeBufferPointer(rebasing: fields[0])) else {
            return nil
        }
        if fields.count == 2 && fields[1].elementsEqual("!".utf8) { return (commit, .unreadable) }
        guard fields.count >= 3, let name = unescaped(fields[1]) else { return nil }
        let numbers = fields.dropFirst(3).compactMap(unescaped)
        guard numbers.count == fields.count - 3 else { return nil }
        let extensionField = fields[2]
        guard let marker = extensionField.first else {
            return (commit, .main(MainBlock(name: name, extension: nil, numbers: numbers)))
        }
        guard marker == UInt8(ascii: "="), let `extension` = unescaped(extensionField.dropFirst()) else { return nil }
        return (commit, .main(MainBlock(name: name, extension: `extension`, numbers: numbers)))
    }

    /// Keeps the cache for the next push. A cache that cannot be written only costs that push time.
    func write(to git: Repository) {
        var bytes = Array(Self.header.utf8) + [newline]
        bytes.reserveCapacity(entries.count * 64)
        for (commit, entry) in entries {  // in no particular order: the file is read into a dictionary
            bytes += commit.description.utf8
            switch entry {
            case .unreadable: bytes += "\t!".utf8
            case .main(let main):
                bytes.append(tab)
                bytes += Self.escaped(main.name).utf8
                bytes.append(tab)
                if let `extension` = main.extension { bytes += ("=" + Self.escaped(`extension`)).utf8 }
                for number in main.numbers {
                    bytes.append(tab)
                    bytes += Self.escaped(number).utf8
                }
            }
            bytes.append(newline)
        }
        // Two pushes checked at once each write a whole file of their own, then rename it.
        let path = Self.path(in: git)
        let temporary = path + ".\(getpid()).tmp"
        let folder = FlowLayout.flowctlDirectory(git)
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST,
            (try? FileWriting.write(bytes, to: temporary)) != nil,
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

    /// A field's text, nil when it is not UTF-8 or holds a raw carriage return (never written).
    static func unescaped(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        guard !bytes.contains(UInt8(ascii: "\r")), let text = String(validating: bytes, as: UTF8.self) else {
            return nil
        }
        return bytes.contains(UInt8(ascii: "%")) ? text.removingPercentEncoding : text
    }
}

private let newline = UInt8(ascii: "\n")
private let tab = UInt8(ascii: "\t")
