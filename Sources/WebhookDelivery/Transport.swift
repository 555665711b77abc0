import Foundation

/// How requests reach their servers: which proxy, and which certificate authorities to trust.
/// Read as curl and git users expect (README "Delivery rules"), and decided here rather than by
/// libcurl, so that a failure can say whether the proxy or the server failed.
public struct Transport: Sendable {
    /// A CA bundle file replacing the system's, and where that setting came from (for messages).
    public var caFile: (path: String, source: String)?
    /// A folder of hashed CA certificates, and its source.
    public var caPath: (path: String, source: String)?
    private var proxies: [String: String]
    private var noProxy: [String]

    /// The transport the environment and git's configuration describe. CA: `CURL_CA_BUNDLE`, else
    /// `SSL_CERT_FILE` and `SSL_CERT_DIR` (as the curl tool reads them), else `GIT_SSL_CAINFO` /
    /// `http.sslCAInfo` and `GIT_SSL_CAPATH` / `http.sslCAPath` (as git does); else the system's.
    /// Proxies as libcurl reads them: `http_proxy` (lowercase only), `https_proxy` or
    /// `HTTPS_PROXY`, then `all_proxy` or `ALL_PROXY`; `no_proxy` or `NO_PROXY` lists exceptions.
    public init(environment: [String: String], gitConfig: (String) -> String? = { _ in nil }) {
        func first(_ names: [String]) -> (path: String, source: String)? {
            for name in names {
                let value = name.contains(".") ? gitConfig(name) : environment[name]
                if let value, !value.isEmpty { return (value, name) }
            }
            return nil
        }
        if let bundle = first(["CURL_CA_BUNDLE"]) {
            caFile = bundle
        } else if first(["SSL_CERT_FILE", "SSL_CERT_DIR"]) != nil {
            caFile = first(["SSL_CERT_FILE"])
            caPath = first(["SSL_CERT_DIR"])
        } else {
            caFile = first(["GIT_SSL_CAINFO", "http.sslCAInfo"])
            caPath = first(["GIT_SSL_CAPATH", "http.sslCAPath"])
        }
        func variable(_ names: String...) -> String? { names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty } }
        let all = variable("all_proxy", "ALL_PROXY")
        proxies = [:]
        proxies["http"] = variable("http_proxy") ?? all
        proxies["https"] = variable("https_proxy", "HTTPS_PROXY") ?? all
        noProxy = (variable("no_proxy", "NO_PROXY") ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }.filter { !$0.isEmpty }
    }

    /// The proxy a request to `url` goes through, as a URL (`http://` when the setting has no
    /// scheme), or nil for a direct connection.
    public func proxy(for url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let proxy = proxies[scheme] else { return nil }
        let host = (url.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bypassesProxy(host) { return nil }
        return proxy.contains("://") ? proxy : "http://" + proxy
    }

    /// Whether `host` is one of `no_proxy`'s names, or in one of its domains (`example.com` and
    /// `.example.com` both cover `hooks.example.com`); `*` covers every host.
    private func bypassesProxy(_ host: String) -> Bool {
        noProxy.contains { entry in
            if entry == "*" { return true }
            let name = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            return host == name || host.hasSuffix("." + name)
        }
    }
}
