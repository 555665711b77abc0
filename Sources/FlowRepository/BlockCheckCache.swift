import CallFlow
import Foundation
import Git

/// The checks of the blocks of the last save made in a worktree, by block file and blob id:
/// `flowctl/block-checks` in its git folder. A save reports what `validate` finds in the whole
/// flow; with these it reads, decodes and checks only the files that changed, as `git add`
/// looks only at files whose stat data changed. A check depends only on the file's bytes, its
/// name and the catalog, so the file is kept for one build of flowctl: another build (a new
/// catalog) finds a header that is not its own and starts afresh. A file that does not read
/// back exactly is ignored; it is only ever a shortcut.
struct BlockCheckCache {
    var checks: [DecodedKey: BlockCheck] = [:]
    /// The line each check read from the file had (in `source`), kept by `keep(_:from:)`: a
    /// save of one block in thousands writes the others' lines back as they were.
    private var lines: [DecodedKey: Range<Int>] = [:]
    private var source: [UInt8] = []

    /// The first line: the format and the build that wrote it.
    static let header = "flowctl block-checks 1 " + buildIdentity

    /// This executable's size and time: a rebuilt flowctl (whose catalog may differ) has another.
    static let buildIdentity: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "unknown-\(ProcessInfo.processInfo.processIdentifier)" }
        return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    init(checks: [DecodedKey: BlockCheck] = [:]) {
        self.checks = checks
    }

    /// The cache in `path`; empty when it is missing, another build's, or not exactly readable.
    init(contentsOf path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let bytes = [UInt8](data)
        let header = Array((Self.header + "\n").utf8)
        guard bytes.starts(with: header), bytes.last == UInt8(ascii: "\n") else { return }
        let count = bytes.count { $0 == UInt8(ascii: "\n") } - 1
        let read = bytes.withUnsafeBufferPointer { buffer -> ([DecodedKey: BlockCheck], [DecodedKey: Range<Int>])? in
            var checks: [DecodedKey: BlockCheck] = [:]
            var lines: [DecodedKey: Range<Int>] = [:]
            checks.reserveCapacity(count)
            lines.reserveCapacity(count)
            var line = Fields(buffer, from: header.count)
            while !line.isAtEnd {
                let start = line.position
                guard let entry = line.entry() else { return nil }
                checks[entry.key] = entry.check
                lines[entry.key] = start..<line.position
            }
            return (checks, lines)
        }
        guard let (checks, lines) = read else { return }
        (self.checks, self.lines, source) = (checks, lines, bytes)
    }

    /// Takes `key`'s check, and its line, from `other`; false when `other` has none.
    mutating func keep(_ key: DecodedKey, from other: BlockCheckCache) -> Bool {
        guard let check = other.checks[key] else { return false }
        checks[key] = check
        if let line = other.lines[key] {
            // Lines are kept from one file read (the same bytes, shared): another's are written anew.
            if source.isEmpty { source = other.source }
            let sameBytes = source.withUnsafeBufferPointer { mine in
                other.source.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress }
            }
            if sameBytes { lines[key] = line }
        }
        return true
    }

    /// The file's bytes: the header, then one line per check.
    var text: [UInt8] {
        var out = Array((Self.header + "\n").utf8)
        out.reserveCapacity(out.count + checks.count * 100)
        func field(_ text: String) {
            Fields.appendEscaped(text, to: &out)
            out.append(UInt8(ascii: "\t"))
        }
        func optional(_ text: String?) { field(text.map { "+" + $0 } ?? "-") }
        func notes(_ notes: [BlockCheck.Note]) {
            field(String(notes.count))
            for note in notes {
                optional(note.field)
                field(note.message)
            }
        }
        for (key, check) in checks {
            if let line = lines[key] {
                out += source[line]
                continue
            }
            key.id.appendHex(to: &out)
            out.append(UInt8(ascii: "\t"))
            field(key.name)
            field(check.knowsType ? "1" : "0")
            notes(check.errors)
            field(String(check.exits.count))
            for exit in check.exits {
                field(exit.name)
                field(exit.target)
                optional(exit.refusal)
            }
            notes(check.warnings)
            out[out.count - 1] = UInt8(ascii: "\n")
        }
        return out
    }
}

/// The lines of the cache: tab-separated fields, each with `\`, tab, CR and newline escaped; an
/// optional field is `-` for none or `+` and its text. Read byte by byte, in place, as a save
/// reads thousands of them: a reader lives only while its bytes do.
private struct Fields {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Where the next field starts.
    private(set) var position: Int
    /// Whether the last field read ended its line.
    private var endedLine = false

    init(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) {
        self.bytes = bytes
        self.position = position
    }

    var isAtEnd: Bool { position >= bytes.count }

    /// The next line's entry; nil when it is not exactly one.
    mutating func entry() -> (key: DecodedKey, check: BlockCheck)? {
        endedLine = false
        guard let hex = nextBytes(), let id = ObjectID(hexBytes: hex), let path = next(), let knows = nextBytes(),
            knows.count == 1, knows.first == UInt8(ascii: "0") || knows.first == UInt8(ascii: "1"),
            let errors = notes(), let exitCount = count()
        else { return nil }
        var exits: [BlockCheck.Exit] = []
        for _ in 0..<exitCount {
            guard let name = next(), let target = next(), let refusal = optional() else { return nil }
            exits.append(BlockCheck.Exit(name: name, target: target, refusal: refusal))
        }
        guard let warnings = notes(), endedLine else { return nil }
        return (
            DecodedKey(id: id, name: path),
            BlockCheck(knowsType: knows.first == UInt8(ascii: "1"), errors: errors, exits: exits, warnings: warnings)
        )
    }

    private mutating func notes() -> [BlockCheck.Note]? {
        guard let count = count() else { return nil }
        var notes: [BlockCheck.Note] = []
        for _ in 0..<count {
            guard let field = optional(), let message = next() else { return nil }
            notes.append(BlockCheck.Note(field: field, message: message))
        }
        return notes
    }

    /// A count no larger than the bytes left (so a damaged count cannot run long): decimal digits,
    /// as `String(count)` writes them.
    private mutating func count() -> Int? {
        guard let digits = nextBytes(), !digits.isEmpty, digits.count <= 9,
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        let count = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return count <= bytes.count - position ? count : nil
    }

    /// `.some(nil)` for `-`, `.some(text)` for `+text`, nil when the field is neither.
    private mutating func optional() -> String?? {
        guard let field = nextBytes() else { return nil }
        if field.count == 1 && field.first == UInt8(ascii: "-") { return .some(nil) }
        guard field.first == UInt8(ascii: "+") else { return nil }
        return Self.text(UnsafeBufferPointer(rebasing: field.dropFirst())).map { .some($0) }
    }

    /// The next field of the line as text; nil past its end or for a bad escape.
    private mutating func next() -> String? {
        nextBytes().flatMap(Self.text)
    }

    /// The next field of the line as it is written, escapes and all; nil past its end.
    private mutating func nextBytes() -> UnsafeBufferPointer<UInt8>? {
        guard !endedLine, position < bytes.count else { return nil }
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\t"), bytes[position] != UInt8(ascii: "\n") {
            position += 1
        }
        let field = UnsafeBufferPointer(rebasing: bytes[start..<position])
        endedLine = position == bytes.count || bytes[position] == UInt8(ascii: "\n")
        position += 1
        return field
    }

    /// A field's text; nil for a bad escape.
    private static func text(_ field: UnsafeBufferPointer<UInt8>) -> String? {
        field.contains(UInt8(ascii: "\\")) ? unescaped(field) : String(decoding: field, as: UTF8.self)
    }

    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        let needsEscape = text.utf8.contains {
            $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }
        guard needsEscape else { return out.append(contentsOf: text.utf8) }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            default: out.append(byte)
            }
        }
    }

    /// Nil for a bad escape.
    static func unescaped(_ field: UnsafeBufferPointer<UInt8>) -> String? {
        var bytes: [UInt8] = []
        var escaping = false
        for byte in field {
            if escaping {
                switch byte {
                case UInt8(ascii: "\\"): bytes.append(byte)
                case UInt8(ascii: "t"): bytes.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): bytes.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): bytes.append(UInt8(ascii: "\r"))
                default: return nil
                }
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else {
                bytes.append(byte)
            }
        }
        return escaping ? nil : String(decoding: bytes, as: UTF8.self)
    }
}

extension BlockCheckCache {
    /// Where a repository keeps the cache, beside its other flowctl state.
    static func path(in git: Repository) -> String { FlowLayout.flowctlDirectory(git) + "block-checks" }

    /// The cache `git` keeps for the next save (see `init(contentsOf:)`).
    init(of git: Repository) { self.init(contentsOf: Self.path(in: git)) }

    /// Keeps the cache for the next save. A cache that cannot be written only costs that save time.
    func write(to git: Repository) {
        try? FileWriting.atomically(text, to: Self.path(in: git), makingFolder: true)
    }
}
