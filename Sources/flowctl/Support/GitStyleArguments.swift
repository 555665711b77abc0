/// The command line as git users type it, rewritten into what the commands parse:
///
/// - options for every command may come before the subcommand (`flowctl --no-pager log`,
///   `flowctl --color never list`), and `-C PATH` runs flowctl as if started in PATH;
/// - a count may be attached, as git takes it: `log -1`, `log -n1`, `log -n=5`.
struct GitStyleArguments: Equatable {
    var arguments: [String]
    /// The folders of `-C PATH` options, in order (each relative to the one before).
    var directories: [String] = []

    static let valuedGlobals: Set = ["--color"]
    static let globals: Set = ["--no-pager"]

    init(arguments: [String], directories: [String] = []) {
        self.arguments = arguments
        self.directories = directories
    }

    init(_ raw: [String]) {
        var leading: [String] = []
        var rest = raw[...]
        while let first = rest.first, first.hasPrefix("-") {
            if first == "-C", rest.count >= 2 {
                directories.append(rest.dropFirst().first!)
                rest = rest.dropFirst(2)
            } else if Self.valuedGlobals.contains(first), rest.count >= 2 {
                leading += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else if Self.globals.contains(first) || Self.valuedGlobals.contains(where: { first.hasPrefix($0 + "=") })
            {
                leading.append(first)
                rest = rest.dropFirst()
            } else {
                break  // --help, --version, or an option of flowctl itself
            }
        }
        guard let subcommand = rest.first else {
            arguments = leading
            return
        }
        var after = Array(rest.dropFirst())
        if subcommand == "log" { after = Self.countsSpelledOut(after) }
        arguments = [subcommand] + leading + after
    }

    /// `-1` -> `-n 1`, `-n1` -> `-n 1`, `-n=1` -> `-n 1`; other arguments unchanged.
    static func countsSpelledOut(_ arguments: [String]) -> [String] {
        arguments.flatMap { argument -> [String] in
            let body = argument.dropFirst()
            if argument.hasPrefix("-"), !body.isEmpty, body.allSatisfy(\.isNumber) { return ["-n", String(body)] }
            if argument.hasPrefix("-n"), argument.count > 2 {
                let count = argument.dropFirst(2).drop { $0 == "=" }
                if !count.isEmpty, count.allSatisfy(\.isNumber) { return ["-n", String(count)] }
            }
            return [argument]
        }
    }
}
