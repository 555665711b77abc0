import Foundation
import Glibc

/// A real HTTP or HTTPS server on 127.0.0.1 (Tests/Fixtures/webhook_receiver.py, run with
/// python3) that records every request and answers from a script: statuses, `429:retry-after=1`,
/// `200:stall`, `200:cut`, `200:endless`, `302:echo-token`, or `hang` (the script says what each does).
public final class WebhookReceiver {
    public let port: Int
    public let scheme: String
    private let process: Process
    private let log: URL

    /// `certificate` names a certificate of `TLSCertificates` to serve HTTPS with; the server
    /// stops by itself after `lifetime` seconds.
    public init(
        answers: [String], certificate: (certificate: String, key: String)? = nil, lifetime: Int = 60
    ) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/webhook_receiver.py")
        log = FileManager.default.temporaryDirectory.appendingPathComponent("receiver-\(UUID().uuidString).jsonl")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let tls = certificate.map { ["--tls", $0.certificate, $0.key] } ?? []
        scheme = certificate == nil ? "http" : "https"
        process.arguments = ["python3", script.path] + tls + [log.path] + answers
        process.environment = ProcessInfo.processInfo.environment.merging(["RECEIVER_LIFETIME": "\(lifetime)"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line += byte
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            kill(process.processIdentifier, SIGKILL)
            throw ReceiverError(description: "the webhook receiver did not start")
        }
        self.port = port
    }

    deinit {
        // SIGKILL, not terminate()'s SIGTERM: a child started from a test's worker thread inherits
        // that thread's blocked signals, and would sit out SIGTERM until its own one-minute stop.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
    }

    public var url: String { "\(scheme)://127.0.0.1:\(port)/hook" }

    /// Every request received so far: method, path, query, headers (lowercase names) and body.
    public func requests() throws -> [Request] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            return Request(
                method: object["method"] as? String ?? "", query: object["query"] as? String ?? "",
                headers: object["headers"] as? [String: String] ?? [:], body: object["body"] as? String ?? "",
                headerLines: (object["header_lines"] as? [[String]] ?? []).map { ($0[0], $0[1]) },
                time: object["time"] as? Double ?? 0)
        }
    }

    public struct Request {
        public var method: String
        public var query: String
        public var headers: [String: String]
        public var body: String
        /// Each header line as it arrived, in order: a name sent twice is here twice.
        public var headerLines: [(name: String, value: String)] = []
        /// When the request arrived (seconds since 1970, the server's clock).
        public var time: Double = 0

        /// The body parsed as a JSON object.
        public var json: [String: Any]? {
            try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        }

        /// Form or query pairs, decoded as a server would.
        public static func pairs(_ encoded: String) -> [String: String] {
            var pairs: [String: String] = [:]
            for pair in encoded.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
                }
                pairs[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return pairs
        }
    }

    struct ReceiverError: Error, CustomStringConvertible { var description: String }
}

/// A port on 127.0.0.1 that nothing listens on: bound, then closed.
public func closedPort() -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = bind(socket, $0, length) }
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(socket, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}
