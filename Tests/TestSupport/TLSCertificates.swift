import Foundation

/// A certificate authority made for one test, and server certificates it signed
/// (Tests/Fixtures/make_certificates.py): good, expired, and for another name.
public final class TLSCertificates {
    public let folder: ScratchDirectory

    public init() throws {
        folder = try ScratchDirectory()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/make_certificates.py")
        let result = try run(HTTPBin.python, [script.path, folder.path], in: folder.path, environment: [:])
        guard result.status == 0 else {
            throw WebhookReceiver.ReceiverError(
                description: "making certificates failed (run scripts/install-deps --tests): \(result.stderr)")
        }
    }

    /// The CA's certificate, for SSL_CERT_FILE and friends.
    public var authority: String { folder.path + "/ca.pem" }

    /// The certificate and key named `name`: good, expired or wrong-name.
    public func server(_ name: String) -> (certificate: String, key: String) {
        (folder.path + "/\(name).pem", folder.path + "/\(name)-key.pem")
    }
}

/// tinyproxy, a real forward proxy (Debian's tinyproxy-bin), on 127.0.0.1 for one test. It adds
/// a `Via` header naming itself to each request it forwards, which the server sees.
public final class TinyProxy {
    public let port: Int
    private let process: Process
    private let folder: ScratchDirectory

    public init() throws {
        folder = try ScratchDirectory()
        port = closedPort()
        let config = folder.path + "/tinyproxy.conf"
        try """
        Port \(port)
        Listen 127.0.0.1
        Timeout 30
        Allow 127.0.0.1
        MaxClients 20
        LogLevel Error
        \(getuid() == 0 ? "User nobody\nGroup nogroup\n" : "")
        """.write(toFile: config, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tinyproxy")
        process.arguments = ["-d", "-c", config]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !HTTPBin.accepts(port: port) {
            guard process.isRunning, Date() < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw WebhookReceiver.ReceiverError(
                    description: "tinyproxy did not start (run scripts/install-deps --tests)")
            }
            usleep(20_000)
        }
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public var url: String { "http://127.0.0.1:\(port)" }
}
