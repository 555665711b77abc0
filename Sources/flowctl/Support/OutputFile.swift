import Foundation

/// A file a command writes its result to (`-o FILE`): written whole or not at all (a temporary
/// file renamed), and a failure said as the system says it ("Permission denied"), not as
/// Foundation's error number ("NSCocoaErrorDomain error 512").
enum OutputFile {
    static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw UserError("cannot write \(path): \(reason(error, path: path))")
        }
    }

    /// Why writing `path` failed, in the system's words.
    static func reason(_ error: Error, path: String) -> String {
        var current: NSError? = error as NSError
        while let nsError = current {
            if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
            current = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        }
        // Foundation gave no system error: find it by trying the folder as write(2) would.
        let folder = (path as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) {
            return "\(directory) does not exist"
        }
        if !isFolder.boolValue { return "\(directory) is not a folder" }
        if access(directory, W_OK) != 0 { return String(cString: strerror(errno)) }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return "it is a folder"
        }
        return (error as NSError).localizedFailureReason ?? "\(error)"
    }
}
