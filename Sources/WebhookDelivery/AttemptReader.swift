import CCurl
import CallFlow
import Foundation

/// One libcurl response read as an attempt, in flowctl's words: what was delivered, what failed
/// and whether a re-try can help. libcurl's own words, and a redirect's Location, pass through
/// the request's redactor: they are the only texts that can quote a resolved value.
struct AttemptReader {
    let response: fc_response
    let duration: TimeInterval
    /// The proxy the request went through, if any.
    let proxy: String?
    let transport: Transport
    let redactor: Redactor

    func attempt(number: Int) -> Attempt {
        let location = Self.text(response.location).map(redactor.redact)
        if response.outcome == FC_ANSWERED {
            return Attempt(
                number: number, status: Int(response.status), error: nil, duration: duration, location: location)
        }
        if response.status_line != 0 {
            // The status line arrived: that is the server's answer (a 2xx is delivery); what broke
            // afterwards is worth a warning, never a resend.
            return Attempt(
                number: number, status: Int(response.status_line), error: nil, duration: duration,
                location: location, warning: "the rest of the answer did not arrive (\(reason))")
        }
        let retryable = ![FC_CERTIFICATE, FC_CA_UNREADABLE, FC_TLS_FAILED, FC_NO_LIBCURL].contains(response.outcome)
        return Attempt(number: number, status: nil, error: reason, duration: duration, retryable: retryable)
    }

    /// Why the request failed, without a resolved value in it.
    var reason: String {
        let said = redactor.redact(
            withUnsafeBytes(of: response.error) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) })
        switch response.outcome {
        case FC_TIMED_OUT: return "timed out"
        case FC_CONNECT_FAILED: return "could not connect to the server (\(systemError ?? "no connection"))"
        case FC_RESOLVE_FAILED: return "could not find the host"
        case FC_PROXY_FAILED:
            return "could not go through the proxy \(URLPassword.redacted(proxy ?? "")) (\(proxyProblem(said)))"
        case FC_CERTIFICATE: return "the server's certificate was not accepted: \(said)" + trusted
        case FC_CA_UNREADABLE: return "the certificate authorities to trust cannot be read: \(said)" + trusted
        case FC_TLS_FAILED: return "no TLS session could be agreed: \(said)"
        default: return said.isEmpty ? "no answer" : said
        }
    }

    private var systemError: String? {
        response.os_errno == 0 ? nil : String(cString: strerror(Int32(response.os_errno)))
    }

    private func proxyProblem(_ said: String) -> String {
        if response.connect_code != 0 && response.connect_code / 100 != 2 {
            return "it answered \(response.connect_code) when asked to connect"
        }
        return systemError ?? said
    }

    /// Which certificate authorities were trusted, when not the system's.
    private var trusted: String {
        var sources: [String] = []
        if let file = transport.caFile { sources.append("\(file.path) (from \(file.source))") }
        if let folder = transport.caPath { sources.append("\(folder.path) (from \(folder.source))") }
        return "; trusting "
            + (sources.isEmpty
                ? "the system's certificate authorities (SSL_CERT_FILE or http.sslCAInfo name others)"
                : sources.joined(separator: " and "))
    }

    static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String? { pointer.map { String(cString: $0) } }
}
