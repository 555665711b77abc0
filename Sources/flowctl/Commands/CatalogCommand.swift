import ArgumentParser
import CallFlow

struct CatalogCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List the Catalog of Actions: the block types, by group, with their parameters and exits.",
        discussion: """
            Each parameter shows where it goes in the phone system's (Kazoo's) documents: \
            'kazoo: uri' is the key of the module's data, 'kazoo: menus: media.greeting' a key of \
            the side document, and 'not in kazoo' a value Kazoo has no place for ('export' warns \
            of it). An engine block holds a Kazoo module flowctl does not model.

            With --json: an array of groups, each with name and types; each type has name, \
            summary, kazoo_module, exits (fixed exit names), exits_from (the parameter whose \
            names are exits too, or null) and parameters, each with name, kind (text, integer, \
            flag, choice, url, media, document-id, list, endpoints, map, headers, time-rules, document), \
            required, default, allowed (choices or null), min and max (integers: the range of an \
            integer, the length of a text; else null), only_when (an object with parameter and \
            value, or null), kazoo (where the value goes in Kazoo's documents, or null), \
            always_written (export writes the default when the block leaves the value out, as \
            the engine's own default differs), engine_default (the engine's default where it \
            differs, or null), when_absent (what a block that leaves the value out does, where \
            no value says it, or null) and description.

            Example: flowctl catalog --json
            """)

    @OptionGroup var output: OutputOptions

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let catalog = Catalog.standard
        if json {
            try Output.json(
                catalog.groups.map { CatalogGroupJSON(name: $0, types: catalog.types(in: $0).map(BlockTypeJSON.init)) })
            return
        }
        var lines: [String] = []
        for group in catalog.groups {
            lines.append("\(group):")
            for type in catalog.types(in: group) {
                lines.append("  \(type.name) - \(type.summary)")
                for spec in type.parameters {
                    var notes = [spec.kind.expectation]
                    if spec.required { notes.insert("required", at: 0) }
                    if let value = spec.defaultValue {
                        notes.append(
                            "default \(value.inlineText)" + (spec.writtenWhenAbsent ? ", always written" : "")
                                + (spec.engineDefault.map { " (the engine's own: \($0.inlineText))" } ?? ""))
                    }
                    if let absent = spec.whenAbsent { notes.append("left out: \(absent)") }
                    if let condition = spec.onlyWhen {
                        notes.append("only with \(condition.parameter) \(condition.value)")
                    }
                    notes.append(spec.kazoo.map { "kazoo: \($0)" } ?? "not in kazoo")
                    lines.append("      \(spec.name): \(notes.joined(separator: "; "))")
                }
                var exits = type.fixedExits
                if let source = type.exitsFromParameter { exits.insert("one per \(source) entry", at: 0) }
                lines.append(
                    "      exits: \(exits.isEmpty ? "none (the call ends or moves on here)" : exits.joined(separator: ", "))"
                )
            }
        }
        Output.result(lines.joined(separator: "\n"))
    }
}

struct CatalogGroupJSON: Encodable {
    var name: String
    var types: [BlockTypeJSON]
}

struct BlockTypeJSON: Encodable {
    var name: String
    var summary: String
    var kazoo_module: String
    var exits: [String]
    @Nullable var exits_from: String?
    var parameters: [ParameterJSON]

    init(_ type: BlockType) {
        name = type.name
        summary = type.summary
        kazoo_module = type.kazooModule
        exits = type.fixedExits
        exits_from = type.exitsFromParameter
        parameters = type.parameters.map(ParameterJSON.init)
    }
}

struct ParameterJSON: Encodable {
    var name: String
    var kind: String
    var required: Bool
    @Nullable var `default`: Value?
    @Nullable var allowed: [String]?
    @Nullable var min: Int?
    @Nullable var max: Int?
    @Nullable var only_when: [String: String]?
    @Nullable var kazoo: String?
    var always_written: Bool
    @Nullable var engine_default: Value?
    @Nullable var when_absent: String?
    var description: String

    init(_ spec: ParameterSpec) {
        name = spec.name
        kind = spec.kind.name
        required = spec.required
        self.default = spec.defaultValue
        if case .choice(let words) = spec.kind { allowed = words }
        if case .integer(let range) = spec.kind { (min, max) = (range.lowerBound, range.upperBound) }
        if case .text(let shortest, let longest) = spec.kind { (min, max) = (shortest, longest) }
        if case .documentID = spec.kind { (min, max) = (32, 32) }
        if case .media = spec.kind {
            (min, max) = (MediaReference.lengths.lowerBound, MediaReference.lengths.upperBound)
        }
        kazoo = spec.kazoo
        always_written = spec.writtenWhenAbsent
        engine_default = spec.engineDefault
        when_absent = spec.whenAbsent
        only_when = spec.onlyWhen.map { ["parameter": $0.parameter, "value": $0.value] }
        description = spec.description
    }
}
