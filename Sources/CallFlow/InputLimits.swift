/// Checks a flow file's bytes against the limits before any YAML parsing, so a hostile file is
/// refused in time linear in its size: its size, each line's length, how deep `[` and `{`
/// nest, and the `&` and `*` that start anchors and aliases (which YAML would expand).
struct InputLimits {
    let file: String

    func check(_ bytes: [UInt8]) throws {
        guard bytes.count <= FlowCodec.maximumFileSize else {
            throw FlowFileError(
                file: file, line: nil,
                message: "is \(bytes.count) bytes; flow files may be at most \(FlowCodec.maximumFileSize) bytes")
        }
        var line = 1
        var lineStart = 0
        var depth = 0
        var quote: UInt8?  // inside '...' or "...": brackets there are text
        var previous: UInt8 = 0x20
        var values = 0
        for (offset, byte) in bytes.enumerated() {
            if byte == 0x0A || (byte == 0x2C && quote == nil) {
                values += 1
                guard values <= FlowCodec.maximumValues else {
                    throw FlowFileError(
                        file: file, line: line,
                        message: "holds more than \(FlowCodec.maximumValues) values (lines and list items); "
                            + "flow files may hold at most \(FlowCodec.maximumValues)")
                }
            }
            if byte == 0x0A {
                try checkLength(offset - lineStart, line: line)
                line += 1
                lineStart = offset + 1
                quote = nil
                previous = 0x20
                continue
            }
            if let open = quote {
                if byte == open && (open == 0x27 || previous != 0x5C) { quote = nil }
            } else {
                switch byte {
                case 0x22 where Self.startsToken(previous), 0x27 where Self.startsToken(previous):
                    quote = byte
                case 0x23 where Self.startsToken(previous):  // a comment: the rest of the line is text
                    quote = 0x0A
                case 0x5B, 0x7B:
                    depth += 1
                    guard depth <= FlowCodec.maximumDepth else {
                        throw FlowFileError(
                            file: file, line: line,
                            message: "is nested more than \(FlowCodec.maximumDepth) levels deep")
                    }
                case 0x5D, 0x7D: depth = max(0, depth - 1)
                case 0x26 where startsAnchor(bytes, at: offset, after: previous),
                    0x2A where startsAnchor(bytes, at: offset, after: previous):
                    throw FlowFileError(
                        file: file, line: line, message: "YAML anchors and aliases (&name, *name) are not supported")
                default: break
                }
            }
            previous = byte
        }
        try checkLength(bytes.count - lineStart, line: line)
    }

    /// Whether the `&` or `*` at `offset` starts an anchor or alias: at the start of a token and
    /// followed by a name.
    private func startsAnchor(_ bytes: [UInt8], at offset: Int, after previous: UInt8) -> Bool {
        Self.startsToken(previous) && offset + 1 < bytes.count && !Self.startsToken(bytes[offset + 1])
    }

    private func checkLength(_ length: Int, line: Int) throws {
        guard length <= FlowCodec.maximumLineLength else {
            throw FlowFileError(
                file: file, line: line,
                message: "line is \(length) characters long; lines may be at most \(FlowCodec.maximumLineLength)")
        }
    }

    /// Whether a byte before a token lets it start there (white space or YAML flow punctuation).
    private static func startsToken(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x5B || byte == 0x7B
            || byte == 0x2C || byte == 0x3A || byte == 0x2D
    }
}
