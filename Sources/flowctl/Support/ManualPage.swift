import Foundation

/// `flowctl help COMMAND` shows the command's manual page, flowctl-COMMAND(1), as `git help log`
/// shows git-log(1). When man(1) cannot find the page (flowctl run from its build folder, or man
/// not installed) the built-in help is printed instead, so the command always answers.
enum ManualPage {
    /// Shows `flowctl-<command>` with man and exits with man's status; returns when there is no
    /// such page to show.
    static func showIfInstalled(command: String) {
        let page = "flowctl-\(command)"
        let environment = ProcessInfo.processInfo.environment
        // `man -w` finds the page without showing it: nothing is printed when it is missing.
        guard
            let finder = try? Spawn.shell("man -w \"$1\" >/dev/null 2>&1", arguments: [page], environment: environment),
            Spawn.wait(finder) == 0,
            let viewer = try? Spawn.shell("exec man \"$1\"", arguments: [page], environment: environment)
        else { return }
        exit(Spawn.wait(viewer))
    }
}
