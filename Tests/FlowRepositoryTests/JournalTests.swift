import Foundation
import Testing

@testable import FlowRepository

/// The journal is written by hand and read by JSONDecoder, after a crash: what it reads must be
/// the transaction written, whatever the paths and names hold.
@Suite struct JournalTests {
    static func randomText(_ generator: inout some RandomNumberGenerator) -> String {
        let pieces = [
            "a", "blocks/", ".yaml", "\"", "\\", "\n", "\t", "\u{1}", "\u{1F}", "é", "日", "👋", "\u{2028}", "/", " ",
        ]
        return (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
            .joined()
    }

    static func randomTransaction(_ generator: inout some RandomNumberGenerator) -> Transaction {
        func maybe() -> String? { Bool.random(using: &generator) ? randomText(&generator) : nil }
        var transaction = Transaction(operation: randomText(&generator))
        transaction.files = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
            Transaction.File(
                path: randomText(&generator), before: maybe(), after: maybe(), indexBefore: maybe(),
                indexAfter: maybe(), executableBefore: Bool.random(using: &generator),
                executableAfter: Bool.random(using: &generator))
        }
        transaction.refs = (0..<Int.random(in: 0...2, using: &generator)).map { _ in
            Transaction.Ref(name: randomText(&generator), before: maybe(), after: maybe())
        }
        (transaction.headBefore, transaction.headAfter) = (maybe(), maybe())
        (transaction.baseBefore, transaction.baseAfter) = (maybe(), maybe())
        transaction.undoing = Bool.random(using: &generator)
        return transaction
    }

    @Test func whatIsWrittenIsWhatJSONDecoderReads() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let transaction = Self.randomTransaction(&generator)
            let read = try JSONDecoder().decode(Transaction.self, from: Data(transaction.journalText.utf8))
            #expect(read == transaction, "\(transaction.journalText)")
        }
    }

    /// The members JSONEncoder writes, in its order: a journal written by an earlier flowctl
    /// and one written now are the same file.
    @Test func theMembersAreJSONEncodersMembers() throws {
        var transaction = Transaction(operation: "save")
        transaction.files = [
            Transaction.File(path: "flow.yaml", before: "a", after: nil, indexBefore: "b", indexAfter: "c")
        ]
        transaction.refs = [Transaction.Ref(name: "refs/heads/flows/x", before: nil, after: "d")]
        transaction.headAfter = "refs/heads/flows/x"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(transaction.journalText == String(decoding: try encoder.encode(transaction), as: UTF8.self))
    }
}
