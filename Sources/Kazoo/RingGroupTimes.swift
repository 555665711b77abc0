import CallFlow

/// A ring group's time as the engine reads it (2600hz/kazoo dcf86cbc, cf_ring_group.erl): each
/// endpoint rings for its own `timeout`, 20 s when it has none (:358-362, :440-445), and the
/// group's `timeout` bounds the whole bridge (:105, :111). flowctl's `timeout` is the time each
/// member rings, so it is written on every endpoint, and the group's is what all of them need:
/// the same with `simultaneous`, one member's time per member with `single` (one after another).
enum RingGroupTimes {
    /// cf_ring_group.erl:440-441.
    static let engineMemberDefault = 20

    static func data(_ data: [String: Value], block: Block, notes: inout [String: Value]) -> [String: Value] {
        var data = data
        var member = block.parameters["timeout"]?.int
        if member == nil {
            member = engineMemberDefault  // flowctl's default too
            notes["defaulted"] = .list((notes["defaulted"]?.list ?? []) + [.string("timeout")])
        }
        let endpoints = (data["endpoints"]?.list ?? []).map { endpoint -> Value in
            var fields = endpoint.map ?? [:]
            fields["timeout"] = member.map(Value.int)
            return .map(fields)
        }
        data["endpoints"] = .list(endpoints)
        if let member {
            data["timeout"] = .int(groupTime(member: member, members: endpoints.count, strategy: block.parameters))
        }
        return data
    }

    static func groupTime(member: Int, members: Int, strategy parameters: [String: Value]) -> Int {
        parameters["strategy"]?.string == "single" ? member * max(members, 1) : member
    }

    /// The member time of an imported group, or why flowctl cannot hold it; a warning when the
    /// engine rang each member for less than the group says (endpoints with no timeout).
    static func read(data: [String: Value], parameters: inout [String: Value]) throws(BlockMapping.Mismatch)
        -> String?
    {
        let endpoints = data["endpoints"]?.list ?? []
        let times = Set(endpoints.map { $0.map?["timeout"] })
        if times.isEmpty || times == [nil] {
            // No endpoint says: each rang the engine's 20 s, whatever the group's timeout.
            guard let group = parameters["timeout"]?.int, group != engineMemberDefault else { return nil }
            return "the endpoints have no timeout, so the engine rang each member \(engineMemberDefault) s, "
                + "not the group's \(group) s; flowctl's export rings each member \(group) s"
        }
        guard times.count == 1, let member = times.first??.int else {
            throw BlockMapping.Mismatch("the endpoints ring for different times, which flowctl does not model")
        }
        let group = parameters["timeout"]?.int
        if let group, group != groupTime(member: member, members: endpoints.count, strategy: parameters) {
            throw BlockMapping.Mismatch(
                "the group's timeout \(group) s is not what \(endpoints.count) members of \(member) s need")
        }
        parameters["timeout"] = .int(member)
        return nil
    }
}

extension Value {
    var int: Int? {
        if case .int(let number) = self { return number }
        return nil
    }
}
