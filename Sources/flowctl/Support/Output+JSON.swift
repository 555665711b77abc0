import Foundation

/// Machine output (`--json`): stable, uncoloured, the same data always the same bytes.
extension Output {
    /// Machine output: sorted keys and two-space indents, so the same data always prints the same.
    /// JSON escapes control characters itself.
    static func json<T: Encodable>(_ value: T) throws {
        emit(redacted(String(decoding: try jsonEncoder().encode(value), as: UTF8.self)))
    }

    /// How every command's JSON is written: indented, keys sorted, slashes as they are.
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A JSON array written one element at a time, formatted as `json` formats a whole array,
    /// for output too long to hold.
    struct JSONArrayWriter {
        private var count = 0
        private let encoder = Output.jsonEncoder()

        mutating func append<T: Encodable>(_ value: T) throws {
            append(text: String(decoding: try encoder.encode(value), as: UTF8.self))
        }

        /// An element already written as `Output.jsonEncoder()` writes it (see PrettyJSON).
        mutating func append(text: String) {
            // Every line two spaces in, on bytes (splitting into Characters cost more than
            // writing the JSON).
            var text = text
            let indented = text.withUTF8 { bytes in
                let lines = 1 + bytes.count { $0 == UInt8(ascii: "\n") }
                return String(unsafeUninitializedCapacity: bytes.count + 2 * lines) { out in
                    var end = 0
                    func spaces() {
                        out[end] = UInt8(ascii: " ")
                        out[end + 1] = UInt8(ascii: " ")
                        end += 2
                    }
                    spaces()
                    for byte in bytes {
                        out[end] = byte
                        end += 1
                        if byte == UInt8(ascii: "\n") { spaces() }
                    }
                    return end
                }
            }
            append(indented: indented)
        }

        /// An element written two spaces in already (see `PrettyJSON.text(_:depth:)`).
        mutating func append(indented text: String) {
            emit((count == 0 ? "[\n" : ",\n") + redacted(text), newline: false)
            count += 1
        }

        func finish() {
            emit(count == 0 ? "[\n\n]" : "\n]")
        }
    }
}
