/// The server's messages (`remote:` text) as git's sideband demultiplexer shows them: whole
/// lines, however the packets cut them (over HTTP a hook's line often arrives in pieces), each
/// with its end: "\n", or "\r" for progress that rewrites its own line.
final class RemoteLines {
    var onLine: ((String) -> Void)?
    private var pending: [UInt8] = []
    private var afterReturn = false

    func add(_ bytes: [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"):
                // "\r\n" ends one line, not a line and an empty one.
                if afterReturn && pending.isEmpty {
                    afterReturn = false
                    continue
                }
                emit("\n")
            case UInt8(ascii: "\r"):
                emit("\r")
                afterReturn = true
                continue
            default: pending.append(byte)
            }
            afterReturn = false
        }
    }

    /// The end of the connection: a last line without its end is still a line.
    func flush() {
        if !pending.isEmpty { emit("\n") }
        afterReturn = false
    }

    private func emit(_ end: String) {
        let line = String(decoding: pending, as: UTF8.self) + end
        pending.removeAll(keepingCapacity: true)
        onLine?(line)
    }
}
