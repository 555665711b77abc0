extension Catalog {
    /// The configurator's catalog, modelled on the 2600Hz Kazoo callflow modules it drives.
    public static let standard = Catalog(
        groups: ["Basic", "Advanced", "Caller ID", "Time of Day", "Engine"],
        types: basic + advanced + callerID + timeOfDay + engine)

    static let digits = (0...9).map(String.init)
    static let ringTimeout = ParameterSpec(
        "timeout", .integer(5...300), default: .int(20), "Seconds to ring before going on to next.")

    private static let basic: [BlockType] = [
        BlockType(
            name: "seat", group: "Basic", summary: "Ring the seat (licensed user or agent) assigned to a flow.",
            parameters: [
                ParameterSpec(
                    "seat", .text(maxLength: 128), kazoo: "id", "The seat to ring; the flow's own seat when empty."),
                ringTimeout,
            ],
            fixedExits: ["next"], kazooModule: "user"),
        BlockType(
            name: "user", group: "Basic", summary: "Ring a user's devices.",
            parameters: [
                ParameterSpec("user", .text(maxLength: 128), required: true, kazoo: "id", "The user to ring."),
                ringTimeout,
                ParameterSpec(
                    "can_call_self", .flag, default: .bool(false), "Whether the user's own calls may ring them."),
            ],
            fixedExits: ["next"], kazooModule: "user"),
        BlockType(
            name: "voicemail", group: "Basic", summary: "Take a message in a voicemail box; the call ends there.",
            parameters: [
                ParameterSpec("mailbox", .documentID, required: true, kazoo: "id", "The voicemail box's document id."),
                ParameterSpec(
                    "action", .choice(["compose", "check"]), default: .string("compose"),
                    "Leave a message (compose) or listen to the box (check)."),
            ],
            fixedExits: [], kazooModule: "voicemail"),
        BlockType(
            name: "menu", group: "Basic", summary: "Play a prompt and route by the digit the caller presses.",
            parameters: [
                ParameterSpec(
                    "prompt", .media, required: true, kazoo: "menus: media.greeting",
                    "The greeting to play: a media id or URL, not a sentence (speak text with a tts block)."),
                ParameterSpec(
                    "retries", .integer(1...10), default: .int(3), kazoo: "menus: retries",
                    "How often the prompt plays before no-choice: each invalid digit, and each silence when "
                        + "there is no timeout exit, uses one."),
                ParameterSpec(
                    "interdigit_timeout", .integer(1...10000), default: .int(2000),
                    kazoo: "menus: interdigit_timeout", "Milliseconds to wait between key presses."),
                // cf_menu.erl:41 and :499-500: the menus document's `timeout`, 10 s by default.
                ParameterSpec(
                    "input_timeout", .integer(1000...60000), kazoo: "menus: timeout",
                    whenAbsent: "10000 (the engine's default)",
                    "Milliseconds to wait for the first key press before the caller counts as pressing nothing."),
                ParameterSpec(
                    "name", .text(maxLength: 128), kazoo: "menus: name",
                    "The menu's name in the phone system (default: '<flow name>: <block id>')."),
            ],
            fixedExits: digits + [MenuExit.timeout, MenuExit.noChoice], kazooModule: "menu"),
        BlockType(
            name: "play", group: "Basic", summary: "Play a media file.",
            parameters: [
                ParameterSpec("media", .media, required: true, kazoo: "id", "The media to play: a media id or URL."),
                ParameterSpec("answer", .flag, default: .bool(true), "Answer the call before playing."),
            ],
            fixedExits: ["next"], kazooModule: "play"),
        BlockType(
            name: "ring-group", group: "Basic", summary: "Ring several seats or users.",
            parameters: [
                ParameterSpec(
                    "members", .endpoints, required: true, kazoo: "endpoints",
                    "Who to ring: users by id, device:ID, group:ID."),
                ParameterSpec(
                    "strategy", .choice(["simultaneous", "single"]), default: .string("simultaneous"),
                    "Ring all members at once, or one after another."),
                ParameterSpec(
                    "timeout", .integer(5...300), default: .int(20),
                    "Seconds to ring each member (written as every endpoint's own timeout, as the engine "
                        + "reads it; single rings them one after another)."),
                ParameterSpec("repeats", .integer(1...10), default: .int(1), "How many rounds to ring."),
            ],
            fixedExits: ["next"], kazooModule: "ring_group"),
    ]

    private static let advanced: [BlockType] = [
        BlockType(
            name: "webhook", group: "Advanced",
            summary: "Tell an external server what happens in the call, then go on to next.",
            parameters: [
                ParameterSpec(
                    "url", .url, required: true, kazoo: "uri", "Absolute http or https URL of the receiving server."),
                ParameterSpec(
                    "method", .choice(["GET", "POST"]), default: .string("POST"), kazoo: "http_verb",
                    "GET requests instructions (call data in the query string); POST sends data in the body."),
                ParameterSpec(
                    "format", .choice(["form", "json"]), default: .string("form"),
                    onlyWhen: .init("method", is: "POST"), kazoo: nil,
                    "The POST body: form (application/x-www-form-urlencoded) or json (application/json)."),
                ParameterSpec(
                    // kzd_webhooks.erl:162-163: the engine's hooks retry twice when the key is absent.
                    "retries", .integer(0...4), default: .int(1), writtenWhenAbsent: true, engineDefault: .int(2),
                    "Re-tries when the host is unavailable (unreachable, timeout, 5xx or 429); always "
                        + "written, as the engine's own default differs."),
                ParameterSpec(
                    "data", .textMap, reservedKeys: WebhookPayload.fieldNames, kazoo: "custom_data",
                    "Custom key/value pairs merged into what is sent; they cannot replace the call's fields."),
                ParameterSpec("headers", .headerMap, kazoo: nil, "Custom request headers."),
            ],
            fixedExits: ["next"], kazooModule: "webhook"),
        BlockType(
            name: "pivot", group: "Advanced", summary: "Hand the call to an external server that returns a callflow.",
            parameters: [
                ParameterSpec("voice_url", .url, required: true, "The URL asked for the callflow."),
                ParameterSpec("method", .choice(["GET", "POST"]), default: .string("GET"), "The HTTP method."),
                ParameterSpec(
                    "req_format", .choice(["kazoo", "twiml"]), default: .string("kazoo"),
                    "The format the server answers in."),
            ],
            fixedExits: ["next"], kazooModule: "pivot"),
        BlockType(
            name: "response", group: "Advanced", summary: "End the call with a SIP response code.",
            parameters: [
                ParameterSpec(
                    "code", .integer(400...699), required: true, default: .int(486), "The SIP code to answer with."),
                ParameterSpec("message", .text(maxLength: 128), "The SIP reason phrase."),
                ParameterSpec("media", .media, "Media to play before responding: a media id or URL."),
            ],
            fixedExits: [], kazooModule: "response"),
        BlockType(
            name: "distinctive-ring", group: "Advanced", summary: "Set the ring tone the next ringing uses.",
            parameters: [
                ParameterSpec(
                    "ringtone", .text(maxLength: 256), required: true, kazoo: "alert_info",
                    "The Alert-Info ring tone.")
            ],
            fixedExits: ["next"], kazooModule: "set_alert_info"),
        BlockType(
            name: "callflow", group: "Advanced", summary: "Continue in another flow.",
            parameters: [
                ParameterSpec(
                    "flow", .text(maxLength: 64), required: true, kazoo: "id", "The id of the flow to continue in.")
            ],
            fixedExits: [], kazooModule: "callflow"),
        BlockType(
            name: "sleep", group: "Advanced", summary: "Pause before going on.",
            parameters: [
                ParameterSpec(
                    // cf_sleep.erl get_duration_ms/1: the engine reads a missing duration as 0.
                    "duration", .integer(0...86_400_000), default: .int(1), writtenWhenAbsent: true,
                    engineDefault: .int(0), "How long to pause: at most one day in its unit, as the engine caps it."),
                ParameterSpec("unit", .choice(["ms", "s", "m", "h"]), default: .string("s"), "The unit of duration."),
            ],
            fixedExits: ["next"], kazooModule: "sleep"),
        BlockType(
            name: "tts", group: "Advanced", summary: "Speak a text to the caller.",
            parameters: [
                ParameterSpec("text", .text(maxLength: 1000), required: true, "The text to speak."),
                ParameterSpec("voice", .choice(["female", "male"]), default: .string("female"), "The voice."),
                ParameterSpec(
                    "language", .text(maxLength: 16), whenAbsent: "the call's language (the engine's default)",
                    "The language, as en-US; when left out, the call's own language (the engine's default)."),
            ],
            fixedExits: ["next"], kazooModule: "tts"),
    ]

    private static let callerID: [BlockType] = [
        BlockType(
            name: "prepend-cid", group: "Caller ID", summary: "Put a prefix before the caller ID shown to the callee.",
            parameters: [
                ParameterSpec(
                    "name_prefix", .text(maxLength: 64), kazoo: "caller_id_name_prefix",
                    "Prefix for the caller ID name."
                ),
                ParameterSpec(
                    "number_prefix", .text(maxLength: 32), kazoo: "caller_id_number_prefix",
                    "Prefix for the caller ID number."),
            ],
            fixedExits: ["next"], kazooModule: "prepend_cid", kazooFixedData: ["action": .string("prepend")]),
        BlockType(
            name: "reset-prepend", group: "Caller ID", summary: "Remove prefixes an earlier prepend-cid added.",
            parameters: [], fixedExits: ["next"], kazooModule: "prepend_cid",
            kazooFixedData: ["action": .string("reset")]),
    ]

    private static let timeOfDay: [BlockType] = [
        BlockType(
            name: "time-of-day", group: "Time of Day",
            summary: "Route by day and time: one exit per rule, default when none matches.",
            parameters: [
                ParameterSpec(
                    "rules", .timeRules, required: true, kazoo: "temporal_rules",
                    "Rule name to weekly window, as 'mon-fri 09:00-17:00'; each rule is an exit."),
                ParameterSpec(
                    "timezone", .timeZone, whenAbsent: "the repository's (git config flowctl.timezone)",
                    "IANA time zone of the rules; when left out, the repository's (git config "
                        + "flowctl.timezone), never a silent UTC."),
            ],
            fixedExits: ["default"], exitsFromParameter: "rules", kazooModule: "temporal_route")
    ]

    /// What Kazoo has and flowctl does not model: `import` keeps such a module, its data and
    /// its children as they are, so nothing of an imported flow is lost.
    private static let engine: [BlockType] = [
        BlockType(
            name: "engine", group: "Engine",
            summary: "A Kazoo module flowctl does not model, with its data as it is; next is Kazoo's '_' child.",
            parameters: [
                ParameterSpec("module", .text(maxLength: 64), required: true, "The Kazoo callflow module."),
                ParameterSpec("data", .document, "The module's data, as Kazoo takes it."),
                ParameterSpec(
                    "documents", .document, kazoo: "menus: and temporal_rules: documents",
                    "The menus and temporal_rules documents the data names by id, kept verbatim by id and "
                        + "written back beside the callflow."),
            ],
            fixedExits: ["next"], kazooModule: "", anyExits: true)
    ]
}
