import Foundation
import TestSupport
import Testing

/// An export is the same bytes whatever process makes it. Swift seeds each process's `Hasher`
/// at random (unless SWIFT_DETERMINISTIC_HASHING is set), so separate runs are what would show
/// an order taken from a set or a dictionary; one process compared with itself cannot.
@Suite struct ExportDeterminismTests {
    @Test func theSameFlowGivesTheSameBytesInSeparateProcesses() throws {
        let session = try KazooExportTests.everyType()
        session.environment["SWIFT_DETERMINISTIC_HASHING"] = nil
        var exports: [[String: String]] = []
        for run in 1...3 {
            let folder = session.scratch.path + "/export-\(run)"
            let result = try session.flowctl("export", "-o", folder)
            #expect(result.status == 0, "\(result.stderr)")
            var files: [String: String] = [:]
            for path in FileManager.default.enumerator(atPath: folder)?.compactMap({ $0 as? String }) ?? [] {
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder)
                if !isFolder.boolValue {
                    files[path] = try String(contentsOfFile: folder + "/" + path, encoding: .utf8)
                }
            }
            exports.append(files)
        }
        #expect(exports[0].count == 7, "\(exports[0].keys.sorted())")
        #expect(exports[1] == exports[0] && exports[2] == exports[0])
    }
}
