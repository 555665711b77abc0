import FlowRepository
import Foundation

/// The JSON of the small listings (`remote -v`, `cancel --list`, `delete --list`,
/// `publish --list`): one object per entry, keys documented in each command's help.
struct RemoteJSON: Encodable {
    var name: String
    var url: String
}

/// A discarded edit or a deleted flow that can be brought back.
struct DiscardJSON: Encodable {
    var flow: String
    @Nullable var name: String?
    var commit: String
    var reference: String
    var time: String

    init(_ discard: Discard) {
        (flow, name, commit, reference) = (discard.flowID, discard.name, discard.commit, discard.reference)
        time = ISO8601DateFormatter().string(from: discard.time)
    }
}

/// A published version of a flow.
struct PublishedVersionJSON: Encodable {
    var version: Int
    var tag: String
    var commit: String
    var message: String
    @Nullable var publisher: String?
    @Nullable var date: String?
    var live: Bool

    init(_ published: PublishedVersion, live: Bool) {
        (version, tag, commit) = (published.number, published.tag, published.commit)
        message = published.message.trimmingCharacters(in: .whitespacesAndNewlines)
        publisher = published.publisher.map { "\($0.name) <\($0.email)>" }
        date = published.publisher.map { ISO8601DateFormatter().string(from: $0.date) }
        self.live = live
    }
}
