import Foundation
import TestSupport
import Testing

/// import and export, run as a user runs them, on documents from Kazoo's own documentation
/// (Tests/Fixtures/kazoo/documents, verbatim), and the folder round trip of `export --all`.
@Suite struct KazooBehaviourTests {
    static let documents = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/kazoo/documents")

    static func repository() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        return session
    }

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// A document without flowctl's notes, as documents are compared "apart from notes".
    static func withoutNotes(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return object.filter { $0.key != "flowctl" }.mapValues(withoutNotes)
        }
        if let array = value as? [Any] { return array.map(withoutNotes) }
        return value
    }

    static func validate(_ folder: String, in session: Session) throws -> [String] {
        let result = try run(
            HTTPBin.python, [KazooExportTests.validator, folder], in: session.repo, environment: session.environment)
        return result.stdout.split(separator: "\n").map {
            String($0.split(separator: ":", maxSplits: 1).last ?? "")  // the problem, without the file
        }
    }

    /// Each callflow from the docs imports, exports back key for key (its `flow` and `numbers`;
    /// the ids and flowctl's notes are flowctl's), and the export validates as well as the
    /// original does (webhook.md's voicemail id is not the 32 characters Kazoo's schema wants).
    @Test(arguments: ["webhook-callflow", "pivot-debug-callflow", "pivot-callflow", "group-pickup-callflow"])
    func aDocumentFromKazoosDocsComesBackKeyForKey(_ name: String) throws {
        let session = try Self.repository()
        let file = Self.documents.appendingPathComponent(name + ".json").path
        let original = try String(contentsOfFile: file, encoding: .utf8)
        let imported = try session.flowctl("import", file, "--as", "From docs", "--seat", "alice")
        #expect(imported.status == 0, "\(imported.stderr)")
        let folder = session.scratch.path + "/out"
        let exported = try session.flowctl("export", "-o", folder)
        #expect(exported.status == 0, "\(exported.stderr)")
        let back = try String(contentsOfFile: folder + "/callflows/from-docs.json", encoding: .utf8)
        var expected = try #require(try Self.json(original) as? [String: Any])
        let written = try #require(Self.withoutNotes(try Self.json(back)) as? [String: Any])
        if name == "webhook-callflow" {
            // The webhook node has no retries: the engine's hooks retry twice
            // (kzd_webhooks.erl:162-163), which import keeps and export writes out.
            var flow = try #require(expected["flow"] as? [String: Any])
            var children = try #require(flow["children"] as? [String: Any])
            var hook = try #require(children["_"] as? [String: Any])
            var data = try #require(hook["data"] as? [String: Any])
            data["retries"] = 2
            hook["data"] = data
            children["_"] = hook
            flow["children"] = children
            expected["flow"] = flow
        }
        // An empty `children` is no children to the engine (cf_exe finds none either way):
        // flowctl writes none.
        if var flow = expected["flow"] as? [String: Any], (flow["children"] as? [String: Any])?.isEmpty == true {
            flow["children"] = nil
            expected["flow"] = flow
        }
        let writtenFlow = NSDictionary(dictionary: written["flow"] as? [String: Any] ?? [:])
        #expect(writtenFlow.isEqual(to: expected["flow"] as? [String: Any] ?? [:]), "\(back)")
        #expect((written["numbers"] as? [String] ?? []) == (expected["numbers"] as? [String] ?? []))
        let originalFolder = session.scratch.path + "/original"
        try session.scratch.write("original/callflows/\(name).json", original)
        #expect(try Self.validate(folder, in: session) == (try Self.validate(originalFolder, in: session)))
    }

    /// temporal_rules.md's yearly rule alone is refused with the reason; with a callflow whose
    /// route names it, it is kept verbatim and written back.
    @Test func aYearlyRuleAloneIsRefusedAndWithItsRouteKept() throws {
        let session = try Self.repository()
        let rule = Self.documents.appendingPathComponent("christmas-yearly-rule.json").path
        let refs = try session.git("for-each-ref")
        let alone = try session.flowctl("import", rule)
        #expect(alone.status == 1)
        #expect(
            alone.stderr.contains("holds no callflow, only temporal_rules 'christmas-yearly-rule'"), "\(alone.stderr)")
        #expect(alone.stderr.contains("imported with the callflow whose menu or temporal_route node names it"))
        #expect(try session.git("for-each-ref") == refs)
        try session.scratch.write(
            "in/temporal_rules/christmas-yearly-rule.json", try String(contentsOfFile: rule, encoding: .utf8))
        try session.scratch.write(
            "in/callflows/holidays.json",
            #"{"name": "Holidays", "numbers": ["800"], "flow": {"module": "temporal_route", "data": {"rules": ["christmas-yearly-rule"], "timezone": "Europe/Paris"}, "children": {"christmas-yearly-rule": {"module": "play", "data": {"id": "closed.mp3"}}}}}"#
        )
        let imported = try session.flowctl("import", session.scratch.path + "/in", "--seat", "alice")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("kept as an engine block"))
        let folder = session.scratch.path + "/out"
        #expect(try session.flowctl("export", "-o", folder).status == 0)
        let written = try String(contentsOfFile: folder + "/temporal_rules/christmas-yearly-rule.json", encoding: .utf8)
        let original = try #require(try Self.json(String(contentsOfFile: rule, encoding: .utf8)) as? [String: Any])
        var body = try #require(Self.withoutNotes(try Self.json(written)) as? [String: Any])
        body["_id"] = nil
        #expect(NSDictionary(dictionary: body).isEqual(to: original["data"] as? [String: Any] ?? [:]), "\(written)")
        #expect(try Self.validate(folder, in: session) == [])
    }

    /// The mapping document has a row for every catalog type, naming its module; the catalog
    /// and README say what export writes where the engine's defaults differ.
    @Test func theMappingDocumentReadmeAndCatalogAgree() throws {
        let session = try Self.repository()
        let root = Self.documents.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let mapping = try String(contentsOf: root.appendingPathComponent("docs/kazoo-mapping.md"), encoding: .utf8)
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let catalog = try #require(try Self.json(session.flowctl("catalog", "--json").stdout) as? [[String: Any]])
        for type in catalog.flatMap({ $0["types"] as? [[String: Any]] ?? [] }) {
            let name = try #require(type["name"] as? String)
            let module = try #require(type["kazoo_module"] as? String)
            let row =
                mapping.split(separator: "\n").first { $0.hasPrefix("| \(name) |") || $0.hasPrefix("| \(name),") }
                ?? mapping.split(separator: "\n").first { $0.contains(", \(name) |") }
            #expect(row != nil, "no row for \(name)")
            if !module.isEmpty { #expect(row?.contains("`\(module)`") == true, "\(name): \(module)") }
        }
        let text = try session.flowctl("catalog").stdout
        #expect(text.contains("left out: the call's language (the engine's default)"), "\(text)")
        #expect(text.contains("default 1, always written (the engine's own: 2)"), "\(text)")
        #expect(text.contains("exits: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, timeout, no-choice"))
        #expect(text.contains("prompt: required; a media id or URL"))
        for phrase in [
            "`no-choice` exit is `_`", "`flowctl.timezone`", "always written", "written on\n  every endpoint",
        ] {
            #expect(readme.contains(phrase), "README: \(phrase)")
        }
    }

    @Test func aCallflowReachedByPatternsIsRefusedWithTheReason() throws {
        let session = try Self.repository()
        let file = Self.documents.appendingPathComponent("route-to-cid-callflow.json").path
        let result = try session.flowctl("import", file, "--as", "Route", "--seat", "alice")
        #expect(result.status == 1)
        #expect(result.stderr.contains("$.patterns: flowctl flows are reached by an extension and numbers"))
    }
}
