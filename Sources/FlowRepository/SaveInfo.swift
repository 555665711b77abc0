import CallFlow
import Foundation
import Git

/// Who made a save and when.
public struct Person: Sendable, Equatable {
    public var name: String
    public var email: String
    public var date: Date
    /// Their time zone then, in minutes east of UTC.
    public var offsetMinutes: Int

    init(_ signature: Signature) {
        name = signature.name
        email = signature.email
        date = signature.date
        offsetMinutes = signature.offsetMinutes
    }
}

/// One save of a flow, as `log` shows it.
public struct SaveInfo: Sendable {
    public var commit: String
    public var parents: [String]
    public var author: Person
    public var message: String
    /// What the save changed, from the semantic diff with its parent.
    public var changes: [FlowChange]
    /// For the commit that made a duplicate: the flow it was copied from.
    public var copiedFrom: String?
    /// Why the save's flow files (or its parent's) cannot be read, when they cannot (a file broken
    /// by a plain git commit); `changes` is then empty. The history goes on past it.
    public var problem: FlowFileError?
    /// What a save with no `changes` did: nothing, files other than the flow's (a `NOTES.md`
    /// committed with git), or the flow's files rewritten to the same flow.
    public var unchangedFlow = UnchangedFlow.rewritten

    public enum UnchangedFlow: Sendable {
        case nothingChanged, otherFilesOnly, rewritten
    }

    /// A one-line summary of what the save changed; a flow's first save is "New flow".
    public var summary: String {
        if let problem { return "unreadable: \(problem)" }
        if parents.isEmpty { return "New flow" }
        guard changes.isEmpty else { return FlowDiff.summary(changes) }
        switch unchangedFlow {
        case .nothingChanged: return "No changes"
        case .otherFilesOnly: return "Other files only"
        case .rewritten: return FlowDiff.summary(changes)
        }
    }

    /// Whether `line` of a message is the trailer that names the flow a duplicate copies
    /// (`copiedFrom` has it; `log` says it in its own words rather than print the line).
    public static func isCopiedFromTrailer(_ line: Substring) -> Bool {
        line.utf8.first == FlowLayout.copiedFromTrailer.utf8.first && line.hasPrefix(FlowLayout.copiedFromTrailer)
    }

    /// The message's first line.
    public var subject: String {
        String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
