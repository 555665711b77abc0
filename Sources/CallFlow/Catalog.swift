/// What a parameter holds, and so how it is checked and how a command-line value is read.
public enum ParameterKind: Hashable, Sendable {
    /// One line of text, `minLength` to `maxLength` characters.
    case text(minLength: Int = 1, maxLength: Int)
    /// Media the engine plays: a media document id or a URL or path, one word (the engine
    /// looks the value up; it never speaks it).
    case media
    /// The id of a document in the engine's database (a Kazoo voicemail box): 32 characters,
    /// lowercase hex, as the engine makes them.
    case documentID
    case integer(ClosedRange<Int>)
    case flag
    /// One of the listed words; command-line input matches them in any case.
    case choice([String])
    /// An absolute http or https URL.
    case url
    /// An IANA time zone name the system knows.
    case timeZone
    /// A list of ids or words; on the command line, comma-separated.
    case textList
    /// Names to values (webhook data); set one pair at a time as `NAME.KEY=VALUE`.
    case textMap
    /// HTTP header names to values.
    case headerMap
    /// Rule name (an exit of the block) to a weekly time window, as `mon-fri 09:00-17:00`.
    case timeRules
    /// Ring-group members: `ID` (a user), `device:ID` or `group:ID`.
    case endpoints
    /// Any mapping, kept as it is (an engine block's module data).
    case document
}

/// One parameter of a block type.
public struct ParameterSpec: Hashable, Sendable {
    public var name: String
    public var kind: ParameterKind
    public var required: Bool
    /// Written into a new block, and assumed when absent.
    public var defaultValue: Value?
    public var description: String
    /// The parameter exists only while another one has a given value (a webhook's `format` only
    /// with `method: POST`): refused otherwise, and dropped when that value changes.
    public var onlyWhen: Condition?
    /// Keys a map parameter may not have, with why (a webhook's `data` cannot name the fields
    /// every request carries).
    public var reservedKeys: [String] = []
    /// Where the value goes in the engine's (Kazoo's) documents: a key of the module's data
    /// (`uri`), or of a side document (`menus: media.greeting`); nil when Kazoo has no place for
    /// it (a webhook's headers), which `export` reports.
    public var kazoo: String?
    /// Export writes the default when the block leaves the value out, because the engine's own
    /// default differs (a webhook's retries): the flow means flowctl's default.
    public var writtenWhenAbsent = false
    /// The engine's own default where it differs from flowctl's: what an imported node that
    /// leaves the key out did, so import writes it into the block.
    public var engineDefault: Value?
    /// What a block that leaves the value out does, where no value says it (a tts block speaks
    /// the call's language), for the catalog.
    public var whenAbsent: String?

    public struct Condition: Hashable, Sendable {
        public var parameter: String
        public var value: String

        public init(_ parameter: String, is value: String) {
            self.parameter = parameter
            self.value = value
        }
    }

    /// `kazoo` defaults to the parameter's own name; pass nil where Kazoo has no place for it.
    public init(
        _ name: String, _ kind: ParameterKind, required: Bool = false, default defaultValue: Value? = nil,
        onlyWhen: Condition? = nil, reservedKeys: [String] = [], kazoo: String? = "", writtenWhenAbsent: Bool = false,
        engineDefault: Value? = nil, whenAbsent: String? = nil, _ description: String
    ) {
        self.whenAbsent = whenAbsent
        self.writtenWhenAbsent = writtenWhenAbsent
        self.engineDefault = engineDefault
        self.kazoo = kazoo == "" ? name : kazoo
        self.reservedKeys = reservedKeys
        self.name = name
        self.kind = kind
        self.required = required
        self.defaultValue = defaultValue
        self.description = description
        self.onlyWhen = onlyWhen
    }
}

/// A menu's exits besides its digits, named for users after what the engine does (cf_menu.erl):
/// `timeout` is Kazoo's `timeout` child, taken at once when the caller presses nothing;
/// `no-choice` is Kazoo's `_` child, taken when the retries are used up (invalid digits, or
/// silences when there is no timeout exit).
public enum MenuExit {
    public static let timeout = "timeout"
    public static let noChoice = "no-choice"
}

/// A type of action block in the Catalog of Actions.
public struct BlockType: Hashable, Sendable {
    public var name: String
    public var group: String
    public var summary: String
    public var parameters: [ParameterSpec]
    /// Exits every block of this type has (`next`; a menu's digits and `timeout`).
    public var fixedExits: [String]
    /// A parameter whose names are exits too (a time-of-day block's rules).
    public var exitsFromParameter: String?
    /// The Kazoo callflow module this type drives.
    public var kazooModule: String
    /// Data every block of this type has in Kazoo (`action: reset` for reset-prepend).
    public var kazooFixedData: [String: Value] = [:]
    /// Exits are whatever the block names (an engine block's are its Kazoo children).
    public var anyExits = false

    public func parameter(_ name: String) -> ParameterSpec? {
        parameters.first { $0.name == name }
    }

    /// The exits `block` has: the fixed ones, then one per name in `exitsFromParameter`, sorted.
    public func exits(of block: Block) -> [String] {
        if anyExits { return fixedExits + block.exits.keys.filter { !fixedExits.contains($0) }.sorted() }
        guard let source = exitsFromParameter, case .map(let names)? = block.parameters[source] else {
            return fixedExits
        }
        return fixedExits + names.keys.sorted()
    }

    public var hasNextExit: Bool { fixedExits.contains(Block.nextExit) }
}

/// The Catalog of Actions: block types in groups. Adding a type is adding an entry to
/// `Catalog.standard`'s data; no command changes.
public struct Catalog: Sendable {
    public var groups: [String]
    public var types: [BlockType]

    public func type(named name: String) -> BlockType? {
        types.first { $0.name == name }
    }

    public func types(in group: String) -> [BlockType] {
        types.filter { $0.group == group }
    }

    public var typeNames: [String] { types.map(\.name) }
}
