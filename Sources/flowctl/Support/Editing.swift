import ArgumentParser
import CallFlow
import FlowRepository
import Foundation

extension FlowWriter {
    /// An edit of the open flow: reads its working files, applies `edit`, writes them back and
    /// prints each change. Nothing is written when `edit` throws. A value that breaks a parameter's
    /// rule is a usage error (exit 64); an edit the flow's shape does not allow fails (exit 1).
    static func editOpenFlow(_ edit: (inout Flow) throws -> Void) throws {
        let (before, after) = try FlowWriter.current().editWorkingFlow { flow in
            let before = flow
            do {
                try edit(&flow)
                try FlowCodec.requireReadable(flow, editedFrom: before)
            } catch let error as ValueError {
                throw ValidationError(error.description)
            } catch let error as FlowFileError {
                throw UserError("\(error); nothing was changed")
            }
        }
        let changes = FlowDiff.changes(from: before, to: after)
        if changes.isEmpty { Output.remark("No change: the flow already had those values.") }
        for change in changes { Output.note(ChangeText.line(change)) }
    }
}

extension Catalog {
    /// The type named `name`, or a usage error listing the known ones.
    func requireType(_ name: String) throws -> BlockType {
        guard let type = type(named: name) else {
            let guess = Suggestion.closest(to: name, among: typeNames).map { " (did you mean \($0)?)" } ?? ""
            throw ValidationError(
                "unknown block type '\(name)'\(guess); known types: \(typeNames.joined(separator: ", "))")
        }
        return type
    }
}

extension Flow {
    /// Block `id`, or an error saying there is none.
    func requireBlock(_ id: String) throws -> Block {
        guard let block = blocks[id] else {
            let known = sortedBlocks.map(\.id)
            throw EditError(
                "there is no block '\(id)'"
                    + (known.isEmpty ? "; the flow has none" : "; blocks: \(known.joined(separator: ", "))"))
        }
        return block
    }
}

/// What a path in the working tree is, as lstat(2) says, without following a link.
enum FileKind {
    /// Whether `path` is a symbolic link: an editor would write through it to what it points at.
    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }
}
