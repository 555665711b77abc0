import CallFlow
import FlowRepository
import Foundation

extension FlowRepository {
    /// The repository around the current folder, as git finds it.
    /// A command a killed writer interrupted is finished first, with a note on stderr.
    static func current() throws -> FlowRepository {
        let repository = try FlowRepository(discoveringFrom: FileManager.default.currentDirectoryPath)
        if let repaired = try repository.recoverIfInterrupted() { Output.diagnostic("flowctl: \(repaired)") }
        Output.applyColorConfig { try repository.gitConfig($0) }
        return repository
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
