import CallFlow

/// One document of the engine's database: a callflow, a menu or a temporal rule, with the id
/// other documents name it by.
public struct KazooDocument: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case callflow = "callflows"
        case menu = "menus"
        case temporalRule = "temporal_rules"

        /// Kazoo's `pvt_type` for the kind.
        var privateType: String {
            switch self {
            case .callflow: "callflow"
            case .menu: "menu"
            case .temporalRule: "temporal_rule"
            }
        }
    }

    public var kind: Kind
    public var id: String
    /// The document's keys, `_id` among them.
    public var body: [String: Value]

    public init(kind: Kind, id: String, body: [String: Value]) {
        self.kind = kind
        self.id = id
        self.body = body
        self.body["_id"] = .string(id)
    }

    /// `callflows/support-line.json`: named by type and id.
    public var path: String { "\(kind.rawValue)/\(id).json" }

    public var json: String { JSONText.write(.map(body)) }
}

/// The key flowctl writes its own notes under, in documents and in callflow nodes: what Kazoo
/// has no place for (block ids, a seat, a webhook's headers), so that a flow comes back from
/// Kazoo's JSON as it went out. The engine ignores it.
enum Annotation {
    static let key = "flowctl"
}

/// Kazoo's names for the days of a weekly temporal rule, Monday (flowctl's day 0) first.
enum KazooWeekdays {
    static let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// The day a name gives; Kazoo also takes its old misspelling `wensday`.
    static func index(_ name: String) -> Int? { names.firstIndex(of: name == "wensday" ? "wednesday" : name) }
}

/// A failure to read engine documents: the file, the JSON path and what is wrong.
public struct KazooImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var path: String
    public var message: String

    public init(file: String, path: String, _ message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    /// `callflows/main.json: $.flow.children._: module is missing`.
    public var description: String { ShownText.escaped("\(file): \(path): \(message)") }
}

extension Value {
    var map: [String: Value]? {
        if case .map(let pairs) = self { return pairs }
        return nil
    }

    var list: [Value]? {
        if case .list(let items) = self { return items }
        return nil
    }
}

extension KazooExport {
    /// Documents as one JSON object: `callflows`, `menus` and `temporal_rules`, each an array
    /// of documents in id order.
    public static func bundle(_ documents: [KazooDocument]) -> String {
        var bundle: [String: Value] = [:]
        for kind in KazooDocument.Kind.allCases {
            bundle[kind.rawValue] = .list(
                documents.filter { $0.kind == kind }.sorted { $0.id < $1.id }.map { .map($0.body) })
        }
        return JSONText.write(.map(bundle))
    }
}

/// Text from documents as messages show it: control characters and invisible format ones (a
/// NUL, a right-to-left override) written as `\x0`, `\x202E`, as `flowctl` writes them on a
/// terminal, so that a name cannot hide or reorder what a warning says.
enum ShownText {
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar != "\n" && scalar != "\t" else { return false }
        let category = scalar.properties.generalCategory
        return category == .control || category == .format
    }
}
