/// How long a ring group rings, as the engine rings it (2600hz/kazoo dcf86cbc, cf_ring_group.erl):
/// each member for its own timeout (:358-362, :440-445; flowctl writes the block's `timeout` on
/// every endpoint), all at once with `simultaneous` or one after another with `single`, the
/// whole `repeats` times (:86-99, :405).
public struct RingTimes: Sendable, Equatable {
    public var members: [String]
    public var memberSeconds: Int
    public var single: Bool
    public var repeats: Int

    public init(_ block: Block) {
        if case .list(let items)? = block.parameters["members"] {
            members = items.compactMap(\.string)
        } else {
            members = []
        }
        memberSeconds = block.parameters["timeout"]?.integer ?? 20
        single = block.parameters["strategy"]?.string == "single"
        repeats = max(1, block.parameters["repeats"]?.integer ?? 1)
    }

    /// Seconds until the call goes on when nobody answers.
    public var totalSeconds: Int { memberSeconds * (single ? max(members.count, 1) : 1) * repeats }

    public var description: String {
        let who = members.joined(separator: ", ")
        let how = single ? "one after another" : "at once"
        let rounds = repeats > 1 ? ", \(repeats) rounds" : ""
        return "rings \(who) \(how), each \(memberSeconds) s\(rounds) (\(totalSeconds) s in all)"
    }
}
