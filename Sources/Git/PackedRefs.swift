/// The `packed-refs` file, read to add refs to it: its header line, then each ref's line with
/// the peeled line (`^<id>`) that may follow it, kept as they are.
struct PackedRefs {
    private var header: [UInt8]?
    private var entries: [(name: [UInt8], lines: [UInt8])] = []

    struct Malformed: Error {}

    init(bytes: [UInt8]) throws {
        let newline = UInt8(ascii: "\n")
        for line in bytes.split(separator: newline, omittingEmptySubsequences: true) {
            switch line.first {
            case UInt8(ascii: "#"):
                guard entries.isEmpty, header == nil else { throw Malformed() }
                header = Array(line) + [newline]
            case UInt8(ascii: "^"):
                guard !entries.isEmpty else { throw Malformed() }
                entries[entries.count - 1].lines += Array(line) + [newline]
            default:
                // "<40 hex digits> <name>"
                guard line.count > 41, line[line.startIndex + 40] == UInt8(ascii: " ") else { throw Malformed() }
                entries.append((Array(line.dropFirst(41)), Array(line) + [newline]))
            }
        }
    }

    /// These refs added (a tag with what it peels to, when `peeled` has it), all sorted by the
    /// bytes of their names, as git and libgit2 search them.
    func adding(_ refs: [String: ObjectID], peeled: [String: ObjectID] = [:]) -> PackedRefs {
        var result = self
        for (name, target) in refs {
            let peel = peeled[name].map { "^\($0)\n" } ?? ""
            result.entries.append((Array(name.utf8), Array("\(target) \(name)\n\(peel)".utf8)))
        }
        result.entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        return result
    }

    var bytes: [UInt8] {
        // Without a header nothing is claimed about peeled lines; the refs are sorted now.
        (header ?? Array("# pack-refs with: sorted \n".utf8)) + entries.flatMap(\.lines)
    }
}
