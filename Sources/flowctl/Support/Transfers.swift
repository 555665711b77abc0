import FlowRepository
import Foundation

/// A fetch or push as the user sees it: progress on a terminal (objects received or sent, of
/// how many), nothing when piped or quiet; the server's own messages as `remote:` lines, as git
/// shows them.
enum Transfers {
    /// `pushing`: the server's messages are shown even when piped, as a hook's reasons for
    /// refusing are; a fetch's are progress, shown on a terminal only.
    static func make(pushing: Bool = false) -> TransferObserver {
        var transfer = TransferObserver()
        let showProgress = Output.settings.stderrIsTerminal && !Output.settings.quiet
        var last = Date.distantPast
        var finishedShown: Set<String> = []
        transfer.onProgress = { progress in
            guard showProgress, progress.total > 0 else { return }
            let verb = progress.packing ? "Compressing" : progress.sending ? "Sending" : "Receiving"
            let finished = progress.done == progress.total
            // libgit2 reports again while it indexes what it received: once done is enough.
            guard !(finished && finishedShown.contains(verb)) else { return }
            if finished { finishedShown.insert(verb) }
            // A few updates a second are enough to see it move.
            guard finished || Date().timeIntervalSince(last) > 0.1 else { return }
            last = Date()
            let percent = progress.done * 100 / progress.total
            let size = progress.packing ? "" : ", \(bytes(progress.bytes))"
            let line = "\r\(verb) objects: \(percent)% (\(progress.done)/\(progress.total))\(size)"
            FileHandle.standardError.write(Data((line + (finished ? ", done.\n" : "")).utf8))
        }
        // Whole lines, as git shows them: a line ending in "\r" is progress rewriting itself,
        // for a terminal only (git asks a server for no progress when its output is piped).
        transfer.onRemoteMessage = { line in
            guard !Output.settings.quiet, pushing || showProgress else { return }
            guard line.hasSuffix("\n") || showProgress else { return }
            Output.prompt("remote: " + line)
        }
        return transfer
    }

    static func bytes(_ count: Int) -> String {
        switch count {
        case ..<1024: "\(count) bytes"
        case ..<(1024 * 1024): String(format: "%.1f KiB", Double(count) / 1024)
        default: String(format: "%.1f MiB", Double(count) / 1024 / 1024)
        }
    }
}
