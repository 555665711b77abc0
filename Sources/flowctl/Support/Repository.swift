import FlowRepository
import Foundation

extension FlowRepository {
    /// The repository around the current folder, as git finds it.
    static func current() throws -> FlowRepository {
        try FlowRepository(discoveringFrom: FileManager.default.currentDirectoryPath)
    }

    /// The flow a FLOW argument names, or the open flow when it is nil.
    func flowID(_ argument: String?) throws -> String {
        if let argument { return try resolveFlow(argument) }
        guard let id = try openFlowID() else { throw FlowError.noFlowOpen }
        return id
    }
}
