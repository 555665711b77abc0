import ArgumentParser
import CallFlow
import FlowRepository
import Foundation

/// What the shells offer at Tab. Each answer reads the repository the command line names
/// (`-C PATH` included) and never repairs or changes anything: a completion must be instant and
/// harmless, so any failure offers nothing.
extension CompletionKind {
    /// The ids of the flows in the repository.
    static var flowIDs: CompletionKind {
        .custom { words, _, _ in CompletionContext(words).answer { try $0.flowIDs() } }
    }

    /// The ids of the open flow's blocks.
    static var blockIDs: CompletionKind {
        .custom { words, _, _ in CompletionContext(words).answer { try $0.workingFlow().sortedBlocks.map(\.id) } }
    }

    /// `main` (flow.yaml) and the ids of the open flow's blocks, for `edit`.
    static var mainOrBlockIDs: CompletionKind {
        .custom { words, _, _ in
            CompletionContext(words).answer { ["main"] + (try $0.workingFlow().sortedBlocks.map(\.id)) }
        }
    }

    /// Every exit of the open flow as BLOCK:EXIT, each block by itself, and `main`.
    static var exits: CompletionKind {
        .custom { words, _, _ in
            CompletionContext(words).answer { repository in
                let flow = try repository.workingFlow()
                return ["main"]
                    + flow.sortedBlocks.flatMap { block in
                        [block.id]
                            + (Catalog.standard.type(named: block.type)?.exits(of: block) ?? []).map {
                                "\(block.id):\($0)"
                            }
                    }
            }
        }
    }

    /// The blocks an exit can lead to, and `none` to disconnect it.
    static var targets: CompletionKind {
        .custom { words, _, _ in
            CompletionContext(words).answer { (try $0.workingFlow().sortedBlocks.map(\.id)) + ["none"] }
        }
    }

    /// The open flow's webhook blocks (or those of the flow given with --flow).
    static var webhookBlockIDs: CompletionKind {
        .custom { words, _, _ in
            let context = CompletionContext(words)
            return context.answer { repository in
                let flow =
                    try context.option("--flow").map { try repository.savedFlow(repository.resolveFlow($0)) }
                    ?? repository.workingFlow()
                return flow.sortedBlocks.filter { $0.type == "webhook" }.map(\.id)
            }
        }
    }

    /// The parameters of the block named before the cursor, as `name=`, for `set BLOCK <Tab>`.
    static var settings: CompletionKind {
        .custom { words, index, _ in
            let context = CompletionContext(words)
            return context.answer { repository in
                guard let blockID = context.positionals(before: index).first,
                    let block = try repository.workingFlow().blocks[blockID],
                    let type = Catalog.standard.type(named: block.type)
                else { return [] }
                return type.parameters.map { "\($0.name)=" }
            }
        }
    }

    /// The short ids of the last saves of the flow named on the line (or the open flow).
    static var recentSaves: CompletionKind {
        .custom { words, index, _ in recentSavesOffer(words, index) }
    }

    private static func recentSavesOffer(_ words: [String], _ index: Int) -> [String] {
        let context = CompletionContext(words)
        return context.answer { repository in
            let named = context.positionals(before: index).first
            let flow = try named.flatMap { try? repository.resolveFlow($0) } ?? repository.openFlowID()
            guard let flow else { return [] }
            return try FlowHistory(repository).recentSaveIDs(flow, limit: 20).map { String($0.prefix(7)) }
        }
    }

    /// Flow ids and the recent saves, for `diff [FLOW] [REV [REV]]`.
    static var flowsAndSaves: CompletionKind {
        .custom { words, index, _ in
            CompletionContext(words).answer { try $0.flowIDs() } + recentSavesOffer(words, index)
        }
    }

    /// The block types of the catalog.
    static var blockTypes: CompletionKind { .list(Catalog.standard.typeNames) }
}

/// The command line being completed, as the shell passes it: the words from `flowctl` on.
struct CompletionContext {
    var words: [String]

    init(_ words: [String]) { self.words = words }

    /// Options that take a value, so that the value is not mistaken for an argument.
    static let valuedOptions: Set = [
        "-C", "--color", "--unset", "--rev", "--format", "--flow", "--against", "--id", "--after", "--set", "-m",
        "--message", "--name", "--extension", "--number", "--seat", "-n", "--max-count", "--block", "--field",
        "--since", "--until", "--author", "--grep", "--url", "--method", "--retries", "--data", "--header",
        "--remove-data", "--remove-header", "--event", "--from", "--to", "--timeout", "--at", "--digits", "--create",
    ]

    /// The value of `name` on the line, if it is there with one.
    func option(_ name: String) -> String? {
        guard let at = words.lastIndex(of: name), at + 1 < words.count else { return nil }
        return words[at + 1]
    }

    /// The subcommand's arguments that come before word `index` (options and their values left out).
    func positionals(before index: Int) -> [String] {
        var found: [String] = []
        var sawSubcommand = false
        var skipNext = false
        for word in words.prefix(index).dropFirst() {
            if skipNext {
                skipNext = false
            } else if Self.valuedOptions.contains(word) {
                skipNext = true
            } else if word.hasPrefix("-") {
                continue
            } else if !sawSubcommand {
                sawSubcommand = true
            } else {
                found.append(word)
            }
        }
        return found
    }

    /// What `body` offers for the repository of this line; nothing when that fails.
    func answer(_ body: (FlowReader) throws -> [String]) -> [String] {
        var folder = FileManager.default.currentDirectoryPath
        for (word, next) in zip(words, words.dropFirst()) where word == "-C" {
            folder = URL(fileURLWithPath: next, relativeTo: URL(fileURLWithPath: folder + "/")).path
        }
        guard let repository = try? FlowReader(discoveringFrom: folder) else { return [] }
        return (try? body(repository)) ?? []
    }
}
