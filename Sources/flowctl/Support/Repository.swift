import CallFlow
import FlowRepository
import Foundation

// Commands ask for the side they need: a `FlowReader` to read, a `FlowWriter` to change flows, a
// `FlowSync` to share them. Opening either finishes what a killed writer left (see FlowWriter);
// the note of what it did goes to stderr here.

extension FlowReader {
    /// The repository around the current folder, as git finds it, for reading.
    static func current() throws -> FlowReader {
        let reader = opened(try FlowReader(discoveringFrom: FileManager.default.currentDirectoryPath))
        if let change = reader.changeInProgress {
            Output.diagnostic(
                "flowctl: note: '\(change.operation)' is in progress and not finished (\(change.reason)); "
                    + "showing the last saved state")
        }
        return reader
    }

    /// Notes what opening `reader` recovered, and applies its colour settings.
    fileprivate static func opened(_ reader: FlowReader) -> FlowReader {
        if let repaired = reader.recoveryNote { Output.diagnostic("flowctl: \(repaired)") }
        Output.applyColorConfig { try reader.gitConfig($0) }
        return reader
    }

    /// The zone time-of-day blocks that name none are in: git config `flowctl.timezone`,
    /// checked, so that a bad value is an error here and not a silent UTC later.
    func defaultTimeZone() throws -> String? {
        guard let zone = try gitConfig(TimeZoneName.configKey) else { return nil }
        if let problem = TimeZoneName.problem(zone) {
            throw UserError("git config \(TimeZoneName.configKey): \(problem)")
        }
        return zone
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
        if !Output.settings.command.isEmpty { writer.commandName = Output.settings.command }
        writer.warn = { Output.diagnostic("warning: \($0)") }
        _ = FlowReader.opened(writer.reader)
        return writer
    }
}

extension FlowSync {
    /// The repository around the current folder, as git finds it, for sharing flows.
    static func current() throws -> FlowSync { FlowSync(try FlowWriter.current()) }
}
