/// What `flowctl` alone prints, as `git` alone does: the usage line and the commands most used,
/// by what they are for, in one screen; `flowctl help` has the whole list.
enum CommonCommands {
    static let groups: [(purpose: String, commands: [String])] = [
        ("start a repository and its flows", ["init", "create", "clone", "list", "open"]),
        ("edit the open flow (unsaved until save)", ["set-main", "add-block", "connect", "set-webhook", "edit"]),
        ("look and check", ["status", "show", "diff", "validate", "simulate"]),
        ("save, copy, discard, undo", ["save", "duplicate", "cancel", "log", "rollback"]),
        ("the phone system and the team", ["publish", "export", "import", "push", "pull"]),
    ]

    static func text(usage: String) -> String {
        let lines = groups.map { group in
            "\(group.purpose)\n   \(group.commands.joined(separator: ", "))"
        }
        return """
            usage: \(usage)

            These are common flowctl commands:

            \(lines.joined(separator: "\n\n"))

            'flowctl help' lists every command; 'flowctl help <command>' tells about one.
            """
    }
}
