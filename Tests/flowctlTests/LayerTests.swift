import Foundation
import Testing

/// The layers as the README's Development section lists them are the layers the code has: each
/// target imports exactly what the list says, `Package.swift` declares the same, and no test
/// target imports a module it does not declare.
@Suite struct LayerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Modules of the toolchain and the system, which any target may import.
    static let system: Set<String> = [
        "Foundation", "FoundationXML", "FoundationEssentials", "Glibc", "Dispatch", "Testing",
    ]

    /// The README's list: each line `Target: Imported Imported...`, in the `text` block after
    /// "Exactly, target: what it imports".
    static func readmeLayers() throws -> [String: Set<String>] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let after = try #require(readme.range(of: "Exactly, target: what it imports")).upperBound
        let open = try #require(readme.range(of: "```text\n", range: after..<readme.endIndex)).upperBound
        let close = try #require(readme.range(of: "```", range: open..<readme.endIndex)).lowerBound
        var layers: [String: Set<String>] = [:]
        for line in readme[open..<close].split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
            let parts = line.split(separator: ":", maxSplits: 1)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            layers[name] = Set((parts.count > 1 ? parts[1] : "").split(separator: " ").map(String.init))
        }
        return layers
    }

    /// Each target's declared dependencies in Package.swift, by name (products by their name).
    static func declaredDependencies() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var declared: [String: Set<String>] = [:]
        let starts = try Regex(#"\.(target|executableTarget|testTarget|systemLibrary)\("#)
        let pieces = manifest.split(separator: starts).dropFirst()
        for piece in pieces {
            guard let name = piece.firstMatch(of: #/name: "(\w+)"/#)?.1 else { continue }
            var dependencies: Set<String> = []
            if let list = piece.range(of: "dependencies: [") {
                var depth = 1
                var end = list.upperBound
                while depth > 0, end < piece.endIndex {
                    if piece[end] == "[" { depth += 1 } else if piece[end] == "]" { depth -= 1 }
                    end = piece.index(after: end)
                }
                let text = piece[list.upperBound..<end].replacing(#/package: "[^"]*"/#, with: "")
                dependencies = Set(text.matches(of: #/"(\w+)"/#).map { String($0.1) })
            }
            declared[String(name)] = dependencies
        }
        return declared
    }

    /// The modules a folder's Swift files import (`import X`, `@testable import X`, indented
    /// ones under `#if` too), system modules left out.
    static func imports(in folder: URL) throws -> Set<String> {
        var found: Set<String> = []
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: #/(?m)^\s*(?:@testable\s+)?import\s+(\w+)/#) {
                found.insert(String(match.1))
            }
        }
        return found.subtracting(system)
    }

    static func hasSwiftFiles(_ folder: URL) -> Bool {
        (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? [])
            .contains { $0.hasSuffix(".swift") }
    }

    static func folder(of target: String) -> URL {
        let tests = root.appendingPathComponent("Tests/" + target)
        return FileManager.default.fileExists(atPath: tests.path)
            ? tests : root.appendingPathComponent("Sources/" + target)
    }

    @Test func everyTargetImportsWhatTheReadmeSays() throws {
        let layers = try Self.readmeLayers()
        let declared = try Self.declaredDependencies()
        let sources = try FileManager.default.contentsOfDirectory(
            atPath: Self.root.appendingPathComponent("Sources").path)
        #expect(Set(layers.keys) == Set(sources), "a target the README does not list, or one gone")
        for (target, expected) in layers {
            #expect(declared[target] == expected, "Package.swift declares \(declared[target] ?? []) for \(target)")
            // A C target has no Swift files: what it may include is Package.swift's to say.
            guard Self.hasSwiftFiles(Self.folder(of: target)) else { continue }
            let swift = try Self.imports(in: Self.folder(of: target))
            #expect(swift == expected, "\(target) imports \(swift.sorted()), the README says \(expected.sorted())")
        }
    }

    @Test func everyTestTargetDeclaresWhatItImports() throws {
        let declared = try Self.declaredDependencies()
        let tests = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Tests").path)
            .filter { declared[$0] != nil }
        #expect(tests.count >= 7, "\(tests)")
        for target in tests {
            let imported = try Self.imports(in: Self.folder(of: target))
            let undeclared = imported.subtracting(declared[target] ?? [])
            #expect(
                undeclared.isEmpty, "\(target) imports \(undeclared.sorted()) without declaring it in Package.swift")
        }
    }
}
