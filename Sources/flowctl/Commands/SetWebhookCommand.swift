import ArgumentParser
import CallFlow
import FlowRepository

struct SetWebhookCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-webhook",
        abstract: "Set a webhook block's URL, method, body format, retries, data and headers.",
        discussion: """
            The URL must be an absolute http or https URL. --format (form or json) goes only \
            with POST: a format with GET is refused, switching to GET drops it, and POST without \
            one gets form. --retries is how often the request is re-tried when the host is \
            unavailable, 0 to 4 (default 1). --data and --header add or replace one entry each; \
            --remove-data and --remove-header take one away. --data KEY=VALUE sends text; \
            --data KEY:=JSON sends a typed JSON value (n:=5, ok:=true, none:=null), as httpie \
            does, so a JSON body carries numbers and booleans. --header 'Name:' sends the header \
            empty; Host, Content-Length, Transfer-Encoding, Expect and the hop-by-hop headers \
            (Connection, Keep-Alive, TE, Trailer, Upgrade) are refused. An edit that would make \
            the block file too large to read (64 KiB) is refused. An edit, saved by 'flowctl save'.

            Example: flowctl set-webhook notify --url https://hooks.example.com/calls --method POST --format json --retries 3
            """)

    @OptionGroup var output: OutputOptions

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Argument(help: "The webhook block's id.", completion: .blockIDs)
    var block: String

    @Option(help: ArgumentHelp("The receiving server's absolute http or https URL.", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("GET or POST.", valueName: "method"), completion: .list(["GET", "POST"]))
    var method: String?

    @Option(
        help: ArgumentHelp("The POST body format: form or json.", valueName: "format"),
        completion: .list(["form", "json"]))
    var format: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Re-tries when the host is unavailable, 0 to 4.", valueName: "count"))
    var retries: String?

    @Option(
        name: .customLong("data"),
        help: ArgumentHelp(
            "A custom KEY=VALUE (text) or KEY:=JSON (typed) pair sent with the request; repeat for several.",
            valueName: "key=value"))
    var data: [String] = []

    @Option(
        name: .customLong("header"),
        help: ArgumentHelp("A custom request header, NAME:VALUE; repeat for several.", valueName: "name:value"))
    var headers: [String] = []

    @Option(name: .customLong("remove-data"), help: ArgumentHelp("Remove a custom data key.", valueName: "key"))
    var removedData: [String] = []

    @Option(name: .customLong("remove-header"), help: ArgumentHelp("Remove a custom header.", valueName: "name"))
    var removedHeaders: [String] = []

    static var webhook: BlockType { Catalog.standard.type(named: "webhook")! }

    /// The options as settings of the webhook's parameters, each value checked.
    func settings() throws(ValueError) -> [Setting] {
        let type = Self.webhook
        var settings: [Setting] = []
        for (name, text) in [("url", url), ("method", method), ("format", format), ("retries", retries)] {
            guard let text else { continue }
            settings.append(.value(name, try type.requireParameter(name).parse(text)))
        }
        for pair in data {
            guard let item = RequestItem(pair) else {
                throw ValueError("--data takes KEY=VALUE, or KEY:=JSON for a typed value (got '\(pair)')")
            }
            settings.append(.entry("data", key: item.key, try item.value()))
        }
        for header in headers {
            guard let colon = header.firstIndex(of: ":") else {
                throw ValueError("--header takes NAME:VALUE (got '\(header)')")
            }
            let value = header[header.index(after: colon)...].drop { $0 == " " }
            settings.append(.entry("headers", key: String(header[..<colon]), .string(String(value))))
        }
        settings += removedData.map { .unsetEntry("data", key: $0) }
        settings += removedHeaders.map { .unsetEntry("headers", key: $0) }
        return settings
    }

    func validate() throws {
        let settings: [Setting]
        do { settings = try self.settings() } catch { throw ValidationError(error.description) }
        if settings.isEmpty {
            throw ValidationError("nothing to set: give --url, --method, --format, --retries, --data or --header")
        }
        // Both for one name would leave which one wins to the order of the options' handling.
        let set = Set(headers.map { $0.prefix { $0 != ":" }.lowercased() })
        if let both = removedHeaders.first(where: { set.contains($0.lowercased()) }) {
            throw ValidationError("--header and --remove-header both name '\(both)': give one of them")
        }
        let keys = Set(data.compactMap { RequestItem($0)?.key })
        if let both = removedData.first(where: keys.contains) {
            throw ValidationError("--data and --remove-data both name '\(both)': give one of them")
        }
        if let method, let format, method.uppercased() == "GET" {
            throw ValidationError("--format \(format) goes only with POST: a GET request has no body")
        }
    }

    func run() throws {
        let settings = try self.settings()
        try FlowWriter.editOpenFlow { flow in
            var block = try flow.requireBlock(self.block)
            guard block.type == "webhook" else {
                throw EditError(
                    "set-webhook works on webhook blocks; '\(block.id)' is a \(block.type) block (use 'flowctl set')")
            }
            try block.apply(settings, type: Self.webhook)
            flow.blocks[block.id] = block
        }
    }
}
