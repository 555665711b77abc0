import ArgumentParser
import CallFlow

struct Flowctl: ParsableCommand {
    /// The build's version as `git describe` names it (`0.2.0`, `0.2.0-14-gabc1234`), stamped at
    /// build time by the BuildVersion plugin; a test checks it against git.
    static let version = buildVersion

    static let configuration = CommandConfiguration(
        commandName: "flowctl",
        abstract: "Keep telephone call flows under version control, in git.",
        usage: "flowctl [-C <path>] [--color <when>] [--no-pager] <command> [<args>]",
        discussion: """
            Each call flow lives on its own branch, flows/<id>, of an ordinary git repository. The \
            open flow is the branch HEAD points at: its files (flow.yaml for the main block, \
            blocks/<id>.yaml for each action block) are checked out in the working tree, and \
            editing them, by hand or with flowctl, makes unsaved changes. 'save' commits them \
            (Save Changes), 'save --duplicate' and 'duplicate' copy a flow onto a new branch that \
            shares its history (Save and Duplicate), 'save --create' and 'create' start a new flow \
            on an orphan branch (Save and Create), and 'cancel' resets the flow's files to the last \
            save (Cancel). git log, git show, git fsck and git push work on the repository as on \
            any other.
            """,
        version: version,
        subcommands: [
            InitCommand.self,
            CreateCommand.self,
            ListCommand.self,
            OpenCommand.self,
            ShowCommand.self,
            StatusCommand.self,
            SetMainCommand.self,
            CatalogCommand.self,
            AddBlockCommand.self,
            RemoveBlockCommand.self,
            ConnectCommand.self,
            SetWebhookCommand.self,
            SetCommand.self,
            EditCommand.self,
            ValidateCommand.self,
            SaveCommand.self,
            DuplicateCommand.self,
            CancelCommand.self,
            DiffCommand.self,
            LogCommand.self,
            RollbackCommand.self,
            PublishCommand.self,
            DeleteCommand.self,
            UndeleteCommand.self,
            RenameCommand.self,
            RenameBlockCommand.self,
            BlameCommand.self,
            TestWebhookCommand.self,
            SimulateCommand.self,
            ExportCommand.self,
            ImportCommand.self,
            RenderCommand.self,
            ReviewCommand.self,
            CloneCommand.self,
            RemoteCommand.self,
            FetchCommand.self,
            PushCommand.self,
            PullCommand.self,
            ResolveCommand.self,
            HookCommand.self,
            MergeDriverCommand.self,
        ]
    )
}

extension Flowctl {
    /// The subcommands' names, `help` included.
    static var commandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }

    /// Fails, as git does, on a command that does not exist (`flowctl lgo`, `flowctl help lgo`),
    /// suggesting the nearest one.
    static func requireKnownCommand(_ arguments: [String]) throws {
        let asked = arguments.first == "help" ? arguments.dropFirst().first : arguments.first
        guard let asked, !asked.hasPrefix("-"), !commandNames.contains(asked) else { return }
        throw ValidationError(
            "'\(asked)' is not a flowctl command" + Suggestion.clause(for: asked, among: commandNames)
                + " ('flowctl --help' lists them)")
    }
}
