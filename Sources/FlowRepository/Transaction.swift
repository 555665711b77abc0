import CallFlow
import Foundation
import Git

/// A change of the working files, the index, refs and HEAD that happens completely or not at all.
///
/// It is written to a journal before anything changes. Each step sets its part to the state the
/// transaction wants, whatever part of it is already there, so the same transaction can be
/// applied again after a crash (forward), or backward to undo it. Files are written to temporary
/// files first and renamed into place, so no file is ever seen half written.
struct Transaction: Codable, Equatable {
    /// One path of the working tree and the index: blob ids before and after (nil: no file).
    struct File: Codable, Equatable {
        var path: String
        var before: String?
        var after: String?
        var indexBefore: String?
        var indexAfter: String?
        var executableBefore = false
        var executableAfter = false
    }

    /// One reference moved by compare-and-swap: nil before creates it, nil after deletes it.
    struct Ref: Codable, Equatable {
        var name: String
        var before: String?
        var after: String?
    }

    /// What the user ran, for messages ("open b").
    var operation: String
    var files: [File] = []
    var refs: [Ref] = []
    var headBefore: String?
    var headAfter: String?
    /// The commit HEAD was detached at before (headBefore is nil then): undoing goes back to it.
    var detachedBefore: String?
    /// The worktree's record of the commit its files came from (see `WorktreeBase`).
    var baseBefore: String?
    var baseAfter: String?
    /// Set once an undo has begun, so that recovery goes on undoing rather than redoing.
    var undoing = false
    /// The files of a merge that stopped on conflicts, its record written at the transaction's
    /// end: recovery undoes it, record too, rather than leave conflict markers with no merge.
    var startsMerge: Bool?
}

extension Transaction {
    /// The transaction as its journal holds it: JSON with the members JSONEncoder would write
    /// (sorted, nil left out), which JSONDecoder reads back. Written here: JSONEncoder cost a
    /// twentieth of a save that changes every block, two thousand files.
    var journalText: String {
        func member(_ name: String, _ value: String?) -> String? { value.map { "\"\(name)\":" + JSONText.quoted($0) } }
        func member(_ name: String, _ flag: Bool) -> String { "\"\(name)\":\(flag)" }
        func object(_ members: [String?]) -> String { "{" + members.compactMap { $0 }.joined(separator: ",") + "}" }
        let files = files.map { file in
            object([
                member("after", file.after), member("before", file.before),
                member("executableAfter", file.executableAfter), member("executableBefore", file.executableBefore),
                member("indexAfter", file.indexAfter), member("indexBefore", file.indexBefore),
                member("path", file.path),
            ])
        }
        let refs = refs.map { ref in
            object([member("after", ref.after), member("before", ref.before), member("name", ref.name)])
        }
        return object([
            member("baseAfter", baseAfter), member("baseBefore", baseBefore),
            member("detachedBefore", detachedBefore),
            "\"files\":[" + files.joined(separator: ",") + "]", member("headAfter", headAfter),
            member("headBefore", headBefore), member("operation", operation),
            "\"refs\":[" + refs.joined(separator: ",") + "]", startsMerge.map { member("startsMerge", $0) },
            member("undoing", undoing),
        ])
    }
}
