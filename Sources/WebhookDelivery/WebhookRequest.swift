import CallFlow
import Foundation

/// The HTTP request a webhook block sends for a call, built exactly as a call reaching the block
/// would send it; a plain value, so it can be checked without a network.
public struct WebhookRequest: Sendable, Equatable {
    public var method: String
    public var url: URL
    /// In the order they are sent; a block's own headers come after flowctl's and replace them.
    public var headers: [(name: String, value: String)]
    public var body: Data?
    /// The URL as the block writes it: placeholders unresolved, a password shown as `***`. What
    /// flowctl prints; `url` is what is sent.
    public var displayURL: String
    /// The resolved values, for hiding them in what libcurl and the server say back (the host in
    /// every form when a placeholder gave it).
    public var redactor = Redactor()
    /// The placeholders whose values the request carries outside the host (in the user part,
    /// path, query, a header or the body), for the warning about plain http.
    public var carriedPlaceholders: [Placeholder] = []

    public static func == (lhs: WebhookRequest, rhs: WebhookRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
    }

    /// The request of webhook `block` for `call`: GET puts the fields in the query string; POST
    /// sends them as a form (`application/x-www-form-urlencoded`) or a JSON object. The block's
    /// `data` pairs join the call's fields (the catalog refuses keys that would replace them);
    /// its `headers` are sent, in place of flowctl's of the same name (any case).
    /// Placeholders (`${env:NAME}`, `${secret:NAME}`) in the URL, header values and data values
    /// are resolved through `secrets`; an unknown one fails before anything is sent, and so does
    /// a resolved value that breaks a rule of the part it fills (a line break in a header, a `/`
    /// in the host): every check applies to the request as sent.
    public init(block: Block, call: WebhookCall, userAgent: String, secrets: Secrets? = nil) throws(DeliveryError) {
        guard block.type == "webhook" else {
            throw DeliveryError("\(block.id) is a \(block.type) block, not a webhook")
        }
        var redactor = Redactor()
        var carried: [Placeholder] = []
        func value(of placeholder: Placeholder) throws(DeliveryError) -> String {
            guard let secrets else { return placeholder.description }
            do {
                let value = try secrets.value(of: placeholder)
                redactor.add(value)
                return value
            } catch {
                throw DeliveryError("webhook \(block.id): \(error.description)")
            }
        }
        func resolve(_ text: String) throws(DeliveryError) -> String {
            var result = ""
            var last = text.startIndex
            for (placeholder, range) in Placeholder.all(in: text) {
                result += text[last..<range.lowerBound] + (try value(of: placeholder))
                carried.append(placeholder)
                last = range.upperBound
            }
            return result + text[last...]
        }
        let template = block.parameters["url"]?.string ?? ""
        displayURL = URLPassword.redacted(template)
        var hostPlaceholders: [Placeholder] = []
        let resolvedURL: String
        do {
            resolvedURL = try URLTemplate(text: template).resolve(value) { placeholder, part, _ in
                switch part {
                case .host: hostPlaceholders.append(placeholder)
                case .fragment: break  // a fragment is never sent
                default: carried.append(placeholder)
                }
            }
        } catch let error where error.description.hasPrefix("webhook ") {
            throw error
        } catch {
            throw DeliveryError("webhook \(block.id): \(error.description)")
        }
        let parsed = URL(string: resolvedURL)
        if !hostPlaceholders.isEmpty, parsed.map(Self.hasValidAuthority) != true {
            let names = hostPlaceholders.map(\.description).joined(separator: " and ")
            throw DeliveryError(
                "webhook \(block.id): \(names) in the url's host gives no valid host once resolved "
                    + "(a name or address, then :port from 1 to 65535): nothing was sent")
        }
        guard !template.isEmpty, let url = parsed, let host = url.host, !host.isEmpty,
            ["http", "https"].contains(url.scheme?.lowercased() ?? "")
        else {
            throw DeliveryError(
                "webhook \(block.id) has no valid url: set one with 'flowctl set-webhook \(block.id) --url URL'")
        }
        let hostFromPlaceholder = !hostPlaceholders.isEmpty
        if hostFromPlaceholder {
            redactor.add(host)
            if let port = url.port { redactor.add("\(host):\(port)") }
        }
        method = block.parameters["method"]?.string ?? "POST"
        let format = block.parameters["format"]?.string ?? "form"
        var data: [(String, Value)] = []
        if case .map(let pairs)? = block.parameters["data"] {
            let reserved = Set(WebhookCall.fieldNames)
            for (key, value) in pairs.sorted(by: { $0.key < $1.key }) where !reserved.contains(key) {
                data.append(
                    (key, try value.string.map { text throws(DeliveryError) in .string(try resolve(text)) } ?? value))
            }
        }
        let fields = call.fields.map { ($0.name, Value.string($0.value)) } + data
        headers = [("User-Agent", userAgent)]
        switch (method, format) {
        case ("GET", _):
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
            components.percentEncodedQueryItems =
                (components.percentEncodedQueryItems ?? [])
                + fields.map { URLQueryItem(name: Self.formEncoded($0.0), value: Self.formEncoded($0.1.formText)) }
            self.url = components.url!
            body = nil
        case (_, "json"):
            self.url = url
            headers.append(("Content-Type", "application/json"))
            body = Self.json(fields)
        default:
            self.url = url
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Data(
                fields.map { "\(Self.formEncoded($0.0))=\(Self.formEncoded($0.1.formText))" }.joined(separator: "&")
                    .utf8)
        }
        if case .map(let custom)? = block.parameters["headers"] {
            for (name, value) in custom.sorted(by: { $0.key < $1.key }) {
                if let problem = ParameterSpec.headerProblem(name: name, value: value) {
                    throw DeliveryError("webhook \(block.id): \(problem)")
                }
                let resolved = try resolve(value.formText)
                if let problem = ParameterSpec.headerProblem(name: name, value: .string(resolved)) {
                    let names = Placeholder.all(in: value.formText).map(\.placeholder.description)
                    throw DeliveryError(
                        "webhook \(block.id): \(problem) once \(names.joined(separator: " and ")) is resolved: "
                            + "nothing was sent")
                }
                headers.removeAll { $0.name.lowercased() == name.lowercased() }
                headers.append((name, resolved))
            }
        }
        self.redactor = redactor
        carriedPlaceholders = carried
    }

    /// Whether `url` has a host and, if any, a port from 1 to 65535 (URL accepts `host:` and `:99999`).
    static func hasValidAuthority(_ url: URL) -> Bool {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let host = components.host, !host.isEmpty
        else { return false }
        if let port = components.port { return (1...65535).contains(port) }
        // A ':' with no port after it, or one URLComponents could not read.
        return !(components.percentEncodedHost.map { url.absoluteString.contains("\($0):/") } ?? false)
    }

    /// As a browser submits a form: letters, digits and `*-._` kept, space as `+`, the rest %XX.
    static func formEncoded(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*-._")
        allowed.insert(" ")
        let encoded = text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        return encoded.replacingOccurrences(of: " ", with: "+")
    }

    /// A JSON object of `fields`, keys sorted; data values keep their JSON types.
    static func json(_ fields: [(String, Value)]) -> Data {
        func object(_ value: Value) -> Any {
            switch value {
            case .string(let text): text
            case .int(let number): number
            case .number(let text): Double(text) ?? 0
            case .bool(let flag): flag
            case .null: NSNull()
            case .list(let items): items.map(object)
            case .map(let pairs): pairs.mapValues(object)
            }
        }
        let dictionary = Dictionary(fields.map { ($0.0, object($0.1)) }, uniquingKeysWith: { first, _ in first })
        return
            (try? JSONSerialization.data(withJSONObject: dictionary, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
    }
}

/// Why a webhook could not be built or sent.
public struct DeliveryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

extension Value {
    /// The text of a form or query field: as written, and null as an empty value, as a browser
    /// sends an empty field.
    var formText: String { self == .null ? "" : inlineText }
}
