/// The flows of a repository by id and name, for checks that reach across flows: a callflow
/// block's target, a new flow's name.
public struct KnownFlows: Sendable {
    public var names: [String: String]  // id -> name

    public init(names: [String: String]) { self.names = names }

    public var ids: Set<String> { Set(names.keys) }

    /// The id a reference means: an id, else an exact name, else a name in any case when only
    /// one flow has it.
    public func resolve(_ reference: String) -> String? {
        if names[reference] != nil { return reference }
        if let exact = names.first(where: { $0.value == reference }) { return exact.key }
        let loose = names.filter { $0.value.lowercased() == reference.lowercased() }
        return loose.count == 1 ? loose.first?.key : nil
    }

    /// The flow (other than `except`) that already has `name`, in any case.
    public func flow(named name: String, except: String? = nil) -> String? {
        names.filter { $0.key != except && $0.value.lowercased() == name.lowercased() }.keys.sorted().first
    }
}
