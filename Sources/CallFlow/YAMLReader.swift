import Yams

/// Reads one YAML file into values, turning every problem into a `FlowFileError` with its line.
struct YAMLReader {
    let file: String

    /// The top-level mapping of `bytes`, each key with its value node and line.
    func topLevelMapping(_ bytes: [UInt8]) throws -> [(key: String, node: Node, line: Int)] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw FlowFileError(file: file, line: nil, message: "is not UTF-8 text")
        }
        try InputLimits(file: file).check(bytes)
        // The files flowctl writes are read by SimpleYAML, which gives the same nodes quicker;
        // anything else by Yams. Plain scalars are typed by `Scalar` (YAML 1.2's core schema,
        // narrowed), so Yams' resolver is given no rules: its YAML 1.1 rules run up to seven
        // regular expressions on every plain scalar its duplicate-key check hashes.
        var root: Node? = SimpleYAML.compose(bytes)
        let simple = root != nil  // no anchors, and two levels at most
        if root == nil {
            if let line = Self.conflictMarkerLine(bytes) {
                throw FlowFileError(
                    file: file, line: line,
                    message: "unresolved merge conflict: keep the lines you want and remove the <<<<<<<, ======= "
                        + "and >>>>>>> lines, or take one side with 'git checkout --ours' or '--theirs' and 'git add'")
            }
            do {
                root = try Yams.compose(yaml: text, .basic, .default, .utf8)
            } catch let error as YamlError {
                throw describe(error)
            }
        }
        guard let root else { throw FlowFileError(file: file, line: nil, message: "is empty") }
        if !simple { try checkDepth(root, depth: 0) }
        guard case .mapping(let mapping) = root else {
            throw failure(root, "must be a mapping of keys to values")
        }
        var seen = Set<String>()
        return try mapping.map { key, value in
            let name = try self.key(key)
            guard seen.insert(name).inserted else { throw failure(key, "key '\(name)' appears twice") }
            return (name, value, line(of: key))
        }
    }

    /// The line of the first conflict marker git leaves in a file it could not merge (`<<<<<<<`,
    /// `=======` or `>>>>>>>` opening a line, then a space or the line's end), nil when none.
    static func conflictMarkerLine(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let text = bytes[start..<end]
            for marker in ["<<<<<<<", "=======", ">>>>>>>"] where text.starts(with: marker.utf8) {
                let after = text.dropFirst(7).first
                if after == nil || after == UInt8(ascii: " ") || after == 0x0D { return line }
            }
            line += 1
            start = end + 1
        }
        return nil
    }

    /// A scalar's text exactly as written (`101` stays "101"), or nil for null. Lists and maps fail.
    func text(_ node: Node, field: String) throws -> String? {
        guard case .scalar(let scalar) = node else { throw failure(node, "\(field) must be a single value") }
        if scalar.style == .plain && Scalar.value(plain: scalar.string) == .null { return nil }
        return scalar.string
    }

    /// A list of scalars as text; null is the empty list.
    func textList(_ node: Node, field: String) throws -> [String] {
        if case .scalar = node, try text(node, field: field) == nil { return [] }
        guard case .sequence(let sequence) = node else { throw failure(node, "\(field) must be a list") }
        return try sequence.map { item in
            guard let value = try text(item, field: field + " item") else {
                throw failure(item, "\(field) must not have empty items")
            }
            return value
        }
    }

    /// Any value: plain scalars typed as `Scalar` reads them (3 is a number, true a flag, 01234
    /// text), quoted ones strings; nil for a null parameter. Inside lists and maps a null is kept.
    func value(_ node: Node, field: String) throws -> Value? {
        let value = try anyValue(node, field: field)
        return value == .null ? nil : value
    }

    private func anyValue(_ node: Node, field: String) throws -> Value {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain, scalar.tag.description.isEmpty else { return .string(scalar.string) }
            let value = Scalar.value(plain: scalar.string)
            if let problem = Scalar.rangeProblem(value) { throw failure(node, "\(field): \(problem)") }
            return value
        case .sequence(let sequence):
            return .list(try sequence.map { item in try anyValue(item, field: field) })
        case .mapping(let mapping):
            var pairs: [String: Value] = [:]
            for (key, item) in mapping {
                let name = try self.key(key)
                guard pairs[name] == nil else { throw failure(key, "key '\(name)' appears twice in \(field)") }
                pairs[name] = try anyValue(item, field: "\(field).\(name)")
            }
            return .map(pairs)
        case .alias:
            throw failure(node, "\(field): YAML aliases are not supported")
        }
    }

    /// Fails on nesting deeper than the limit, and on an anchor: aliases are refused, so a node
    /// is never shared and no file expands beyond its own size.
    private func checkDepth(_ node: Node, depth: Int) throws {
        if node.anchor != nil { throw failure(node, "YAML anchors and aliases (&name, *name) are not supported") }
        guard depth < FlowCodec.maximumDepth else {
            throw failure(node, "is nested more than \(FlowCodec.maximumDepth) levels deep")
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                try checkDepth(key, depth: depth + 1)
                try checkDepth(value, depth: depth + 1)
            }
        case .sequence(let sequence):
            for item in sequence { try checkDepth(item, depth: depth + 1) }
        case .scalar, .alias:
            return
        }
    }

    func failure(_ node: Node, _ message: String) -> FlowFileError {
        FlowFileError(file: file, line: line(of: node), message: message)
    }

    func line(of node: Node) -> Int { node.mark?.line ?? 1 }

    private func key(_ node: Node) throws -> String {
        guard case .scalar(let scalar) = node else { throw failure(node, "keys must be plain words") }
        return scalar.string
    }

    private func describe(_ error: YamlError) -> FlowFileError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return FlowFileError(file: file, line: mark.line, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return FlowFileError(
                file: file, line: context.mark.line,
                message: "key '\(duplicates.joined(separator: "', '"))' appears twice")
        default:
            return FlowFileError(file: file, line: nil, message: "invalid YAML: \(error)")
        }
    }
}
