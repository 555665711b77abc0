import Foundation
import Testing

/// No type in the repository layer grows past `limit` members: where one does, it holds more
/// than one concern and should be split along the seam (issue #26).
///
/// What is counted is a plain scan of the source, not the compiler's view: in every file of
/// `Sources/FlowRepository`, comments and string literals removed, each declaration that starts a
/// line directly in the body of a type or an extension of it (`var`, `let`, `func`, `init`,
/// `subscript`, `deinit`, whatever their modifiers and visibility) is one member of that type.
/// Extensions add to the type they extend, in any file; a nested type is a type of its own
/// (`Outer.Inner`), counted apart. Not counted: enum cases, declarations inside a member's body
/// (local functions, getters), and extensions written in other targets (the commands' own helpers
/// on `FlowReader` are theirs). `let a, b` on one line counts once.
@Suite struct TypeSizeTests {
    static let limit = 40

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/FlowRepository")

    @Test func noRepositoryTypeHasMoreThanFortyMembers() throws {
        let counts = try Self.memberCounts(in: Self.sources)
        // The scan must see the layer's main types, or it proves nothing.
        for type in ["FlowReader", "FlowWriter", "FlowSync", "Journal"] {
            #expect((counts[type] ?? 0) >= 10, "the scan found \(counts[type] ?? 0) members of \(type)")
        }
        for (type, count) in counts.sorted(by: { $0.key < $1.key }) {
            #expect(count <= Self.limit, "\(type) has \(count) members (at most \(Self.limit)): split it by concern")
        }
    }

    @Test func theScanCountsWhatItSaysItCounts() {
        let source = """
            /// struct NotAType { func notAMember() }
            public final class Box {
                let a: Int  // func notAMember()
                public private(set) var b = "func notAMember() {"
                @discardableResult
                static func c() -> Int {
                    func local() {}
                    let alsoLocal = 1
                    return alsoLocal
                }
                init() { a = 1 }
                struct Inner {
                    var d: Int { get { 1 } }
                }
                enum Kind { case one, two }
            }
            extension Box {
                convenience init(e: Int) { self.init() }
                private var f: Int {
                    let notCounted = 2
                    return notCounted
                }
            }
            extension Box.Inner {
                func g() {}
            }
            """
        let counts = Self.memberCounts(of: [source])
        #expect(counts == ["Box": 6, "Box.Inner": 2, "Box.Kind": 0])
    }

    static func memberCounts(in folder: URL) throws -> [String: Int] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 20, "\(files.count) files in \(folder.path)")
        return memberCounts(
            of: try files.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) })
    }

    static let modifiers =
        #"(?:(?:@\w+(?:\([^)]*\))?|public|private|fileprivate|internal|package|open|static|class|final|override"#
        + #"|mutating|nonmutating|nonisolated|lazy|weak|unowned|convenience|required|dynamic|indirect)"#
        + #"(?:\([^)]*\))?\s+)*"#

    /// Members per type over all `sources` (file contents), by the rules in the suite's comment.
    static func memberCounts(of sources: [String]) -> [String: Int] {
        let member = try! Regex(#"^\s*"# + modifiers + #"(?:var|let|func|init|subscript|deinit)\b"#)
        let type = try! Regex(#"^\s*"# + modifiers + #"(struct|class|enum|actor|extension)\s+([\w.]+)"#)
        var counts: [String: Int] = [:]
        for source in sources {
            var depth = 0
            var open: [(name: String, bodyDepth: Int)] = []  // the types whose bodies enclose the line
            var pending: String?  // a type declared, its `{` not yet seen
            for line in codeOnly(source).split(separator: "\n", omittingEmptySubsequences: false) {
                let inTypeBody = open.last.map { $0.bodyDepth == depth } ?? (depth == 0)
                if inTypeBody, let current = open.last, line.firstMatch(of: member) != nil {
                    counts[current.name, default: 0] += 1
                }
                if inTypeBody, let match = line.firstMatch(of: type),
                    let keyword = match.output[1].substring, let name = match.output[2].substring
                {
                    let qualified = keyword == "extension" || open.isEmpty ? String(name) : open.last!.name + "." + name
                    counts[qualified, default: 0] += 0
                    pending = qualified
                }
                for character in line {
                    if character == "{" {
                        depth += 1
                        if let name = pending { open.append((name, depth)) }
                        pending = nil
                    } else if character == "}" {
                        if open.last?.bodyDepth == depth { open.removeLast() }
                        depth -= 1
                    }
                }
            }
        }
        return counts
    }

    /// `source` without comments and with every string literal emptied, lines kept where they were.
    static func codeOnly(_ source: String) -> String {
        var result = ""
        var rest = Substring(source)
        while let first = rest.first {
            if rest.hasPrefix("//") {
                rest = rest.drop { $0 != "\n" }
            } else if rest.hasPrefix("/*") {
                let end = rest.range(of: "*/")?.upperBound ?? rest.endIndex
                result += String(repeating: "\n", count: rest[..<end].filter { $0 == "\n" }.count)
                rest = rest[end...]
            } else if rest.hasPrefix("\"\"\"") {
                let body = rest.dropFirst(3)
                let end = body.range(of: "\"\"\"")?.upperBound ?? body.endIndex
                result += "\"\"" + String(repeating: "\n", count: body[..<end].filter { $0 == "\n" }.count)
                rest = body[end...]
            } else if first == "\"" {
                var index = rest.index(after: rest.startIndex)
                while index < rest.endIndex, rest[index] != "\"", rest[index] != "\n" {
                    if rest[index] == "\\" { index = rest.index(after: index) }
                    if index < rest.endIndex { index = rest.index(after: index) }
                }
                result += "\"\""
                rest = index < rest.endIndex && rest[index] == "\"" ? rest[rest.index(after: index)...] : rest[index...]
            } else {
                result.append(first)
                rest = rest.dropFirst()
            }
        }
        return result
    }
}
