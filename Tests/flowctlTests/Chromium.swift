import Foundation
import TestSupport

/// Debian's Chromium, headless, as a reader's browser: what a page's DOM becomes, what it logs to
/// its console (Chromium's `--enable-logging=stderr` lines `INFO:CONSOLE`), and which requests
/// the page itself makes (the net log's URL_REQUEST_START_JOB events with an initiator; the
/// browser's own background requests have none). No DevTools protocol.
struct Chromium {
    static let binary = "/usr/bin/chromium"
    let profile: String

    struct Visit {
        var dom: String
        var console: [String]
        var pageRequests: [String]
    }

    static let flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
        "--disable-extensions", "--enable-logging=stderr", "--v=0",
    ]

    func visit(_ page: String) throws -> Visit {
        let netLog = profile + "/net-log.json"
        let result = try chromium(["--log-net-log=\(netLog)", "--dump-dom", URL(fileURLWithPath: page).absoluteString])
        let console = result.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        let log =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: netLog))) as? [String: Any]
        let types = (log?["constants"] as? [String: Any])?["logEventTypes"] as? [String: Int] ?? [:]
        let start = types["URL_REQUEST_START_JOB"]
        var requests: [String] = []
        for event in log?["events"] as? [[String: Any]] ?? [] where event["type"] as? Int == start {
            let parameters = event["params"] as? [String: Any] ?? [:]
            if let url = parameters["url"] as? String, parameters["initiator"] as? String != "not an origin" {
                requests.append(url)
            }
        }
        return Visit(dom: result.stdout, console: console, pageRequests: requests)
    }

    /// A PNG of `page` at `width` x `height` CSS pixels.
    func screenshot(_ page: String, width: Int, height: Int, to file: String) throws {
        try chromium([
            "--screenshot=\(file)", "--window-size=\(width),\(height)", "--hide-scrollbars",
            URL(fileURLWithPath: page).absoluteString,
        ])
    }

    @discardableResult
    private func chromium(_ arguments: [String]) throws -> ProcessResult {
        var environment = testEnvironment(home: profile)
        environment["XDG_CONFIG_HOME"] = profile + "/config"
        let result = try run(
            Self.binary, Self.flags + ["--user-data-dir=\(profile)/data"] + arguments, in: profile,
            environment: environment)
        guard result.status == 0 else {
            throw ScenarioError(description: "chromium (apt-get install chromium) failed: \(result.stderr)")
        }
        return result
    }
}
