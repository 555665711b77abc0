import ArgumentParser
import CallFlow
import FlowRepository
import Foundation

/// Where everything a command says goes: results on stdout, diagnostics on stderr.
enum Output {
    static func result(_ text: String) {
        print(text)
    }

    static func diagnostic(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Machine output: sorted keys and two-space indents, so the same data always prints the same.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Prints `error` the way every command does and exits: flowctl's own errors as `error: ...`
    /// with status 1; argument errors, help and version as argument-parser prints them.
    static func exit(with error: Error) -> Never {
        switch error {
        case is FlowError, is FlowFileError, is EditError, is UserError:
            diagnostic("error: \(error)")
            Flowctl.exit(withError: ExitCode.failure)
        default:
            Flowctl.exit(withError: error)
        }
    }
}

/// A refusal a command itself decides on, with the reason.
struct UserError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
