import CallFlow
import FlowRepository
import Foundation

// Commands ask for the side they need: a `FlowReader` to read, a `FlowWriter` to change flows, a
// `FlowSync` to share them. Opening either finishes what a killed writer left (see FlowWriter);
// the note of what it did goes to stderr here.

extension FlowReader {
    /// The repository around the current folder, as git finds it, for reading.
    static func current() throws -> FlowReader {
        opened(try FlowReader(discoveringFrom: FileManager.default.currentDirectoryPath))
    }

    /// Notes what opening `reader` recovered, and applies its colour settings.
    fileprivate static func opened(_ reader: FlowReader) -> FlowReader {
        if let repaired = reader.recoveryNote { Output.diagnostic("flowctl: \(repaired)") }
        Output.applyColorConfig { try reader.gitConfig($0) }
        return reader
    }

    /// The flow a FLOW argument names, or the open flow when it is nil.
    func flowID(_ argument: String?) throws -> String {
        if let argument { return try resolveFlow(argument) }
        return try requireOpenFlowID()
    }
}

extension FlowWriter {
    /// The repository around the current folder, as git finds it, for changing flows.
    static func current() throws -> FlowWriter {
        let writer = try FlowWriter(discoveringFrom: FileManager.default.currentDirectoryPath)
        _ = FlowReader.opened(writer.reader)
        return writer
    }
}

extension FlowSync {
    /// The repository around the current folder, as git finds it, for sharing flows.
    static func current() throws -> FlowSync { FlowSync(try FlowWriter.current()) }
}

/// The read side under its old name, only so that the command files being rewritten in parallel
/// (test-webhook, set-webhook, simulate) build unchanged until they merge; new code names
/// FlowReader, FlowWriter or FlowSync.
typealias FlowRepository = FlowReader

extension FlowReader {
    /// `FlowWriter.editOpenFlow` under the old name (see `FlowRepository` above).
    static func editOpenFlow(_ edit: (inout Flow) throws -> Void) throws { try FlowWriter.editOpenFlow(edit) }
}
