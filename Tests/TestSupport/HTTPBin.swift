import Foundation
import Glibc

/// httpbin, the widely used HTTP echo service (from PyPI, served by waitress), on 127.0.0.1 and
/// [::1] at one port, for the duration of a test. Its interpreter is `FLOWCTL_TEST_PYTHON`, else
/// the package's `.venv-tests` (made by scripts/install-deps --tests), else python3; a missing
/// httpbin fails the test with how to install it, never skips it.
public final class HTTPBin {
    public let port: Int
    private let process: Process

    public init() throws {
        port = closedPort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [
            "-m", "waitress", "--listen=127.0.0.1:\(port)", "--listen=[::1]:\(port)", "--threads=8", "httpbin:app",
        ]
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !Self.accepts(port: port) {
            guard process.isRunning, Date() < deadline else {
                kill(process.processIdentifier, SIGKILL)
                let said = String(decoding: log.fileHandleForReading.availableData, as: UTF8.self)
                throw WebhookReceiver.ReceiverError(
                    description: "httpbin did not start with \(Self.python) (run scripts/install-deps --tests): \(said)"
                )
            }
            usleep(50_000)
        }
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public func url(_ path: String, host: String = "127.0.0.1") -> String { "http://\(host):\(port)\(path)" }

    public static var python: String {
        if let python = ProcessInfo.processInfo.environment["FLOWCTL_TEST_PYTHON"] { return python }
        let venv = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".venv-tests/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/python3"
    }

    public static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
