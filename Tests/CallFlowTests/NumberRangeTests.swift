import Foundation
import Testing

@testable import CallFlow

/// Numbers are kept as written, but only those a double holds: JSON readers, JSONEncoder and
/// the engine (Erlang floats are IEEE doubles) hold no more. Past that, a flow file is refused
/// with its file and line, so every flow that reads prints in every format (issue 29, item 6).
@Suite struct NumberRangeTests {
    static func block(_ number: String) -> [UInt8] {
        Array("type: webhook\nurl: https://x.example.com/\ndata:\n  n: \(number)\n  list: [1, 2]\n".utf8)
    }

    @Test(arguments: [
        "1e400", "-1e400", "1.8e308", "-1.7976931348623159e308", "1" + String(repeating: "0", count: 310),
    ])
    func aNumberPastADoubleIsRefusedWithItsLine(number: String) {
        #expect {
            try FlowCodec.decodeBlock(Self.block(number), id: "w")
        } throws: { error in
            guard let error = error as? FlowFileError else { return false }
            return error.file == "blocks/w.yaml" && error.line == 4 && error.message.contains("too large for JSON")
        }
    }

    /// At the limits: the largest and smallest doubles, a whole number past Int, and one that
    /// rounds to zero, all read and print as JSON.
    @Test(arguments: ["1.7976931348623157e308", "-1.7976931348623157e308", "12345678901234567890", "1e-400", "5e-324"])
    func aNumberADoubleHoldsIsKeptAndPrintsAsJSON(number: String) throws {
        let block = try FlowCodec.decodeBlock(Self.block(number), id: "w")
        guard case .map(let data)? = block.parameters["data"] else { Issue.record("no data"); return }
        #expect(data["n"] == .number(number))
        #expect(throws: Never.self) { try JSONEncoder().encode(block.parameters["data"]) }
        #expect(FlowCodec.encode(block).contains("\"n\": \(number)\n"))
    }

    /// A JSON value (`--data n:=...`, a Kazoo document) past a double is a syntax error.
    @Test func aJSONNumberPastADoubleIsRefused() {
        #expect(throws: (any Error).self) { try JSONText.parse(Array(#"{"n": 1e400}"#.utf8)) }
        #expect(throws: Never.self) { try JSONText.parse(Array(#"{"n": 1e308}"#.utf8)) }
    }
}
