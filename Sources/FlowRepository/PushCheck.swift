import CallFlow
import Git

/// One line of what git gives a pre-receive hook: a ref, and its commit before and after.
public struct RefUpdate: Sendable, Equatable {
    public var old: String
    public var new: String
    public var ref: String

    /// Parses `OLD NEW REF`, nil for anything else.
    public init?(line: String) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 3 else { return nil }
        (old, new, ref) = (String(words[0]), String(words[1]), String(words[2]))
    }
}

/// The server's check of a push (`flowctl hook pre-receive`): the flows as the push would leave
/// them, read from the objects it brings. Reads only, in a bare repository as anywhere.
public struct PushCheck {
    let reader: FlowReader

    public init(_ reader: FlowReader) {
        self.reader = reader
    }

    /// Why a push of `updates` must not land: for each flow branch it changes, the flow as pushed
    /// must read, have no error `validate` reports, hand calls only to flows that exist after the
    /// push, and claim no extension or number another flow claims after it. Deleting a flow's
    /// branch passes unless another flow hands calls to it; every ref outside `refs/heads/flows/`
    /// passes. Empty when the push may land.
    public func problems(_ updates: [RefUpdate]) throws -> [String] {
        var tips = Dictionary(
            uniqueKeysWithValues: try gitCall { try reader.git.references(withPrefix: FlowLayout.branchPrefix) }
                .map { (String($0.name.dropFirst(FlowLayout.branchPrefix.count)), $0.target) })
        let before = tips
        // A set: asked once per flow of the repository, a list would make a push of every flow quadratic.
        var changed: Set<String> = []
        var deleted: [String] = []
        var problems: [String] = []
        for update in updates where update.ref.hasPrefix(FlowLayout.branchPrefix) {
            let id = String(update.ref.dropFirst(FlowLayout.branchPrefix.count))
            if update.new.allSatisfy({ $0 == "0" }) {
                if tips.removeValue(forKey: id) != nil { deleted.append(id) }
                continue
            }
            guard Slug.isValid(id) else {
                problems.append("\(update.ref): '\(id)' is not a flow id (1 to 64 of a-z, 0-9 and '-')")
                continue
            }
            guard let new = ObjectID(hex: update.new) else {
                problems.append("\(update.ref): '\(update.new)' is not a commit id")
                continue
            }
            tips[id] = new
            changed.insert(id)
        }
        // Every flow as it would be after the push: names for callflow targets, mains for clashes.
        // A flow the push leaves alone is read only for its main block, which the cache keeps.
        let cached = GateMainsCache(of: reader.git)
        var kept = GateMainsCache()
        kept.entries.reserveCapacity(tips.count)
        var flows: [String: Flow] = [:]
        var mains: [String: MainBlock] = [:]
        mains.reserveCapacity(tips.count)
        var names: [String: String] = [:]
        names.reserveCapacity(tips.count)
        for (id, tip) in tips {
            let entry: GateMainsCache.Entry
            if !changed.contains(id), let known = cached.entries[tip] {
                entry = known
            } else {
                do {
                    let tree = try reader.refs.tree(of: tip)
                    let flow =
                        changed.contains(id)
                        ? try reader.decoder.flow(inTree: tree)
                        : try reader.decoder.partialFlow(.tree(tree), blocks: [])
                    if changed.contains(id) { flows[id] = flow }
                    entry = .main(flow.main)
                } catch let error as FlowFileError {
                    if changed.contains(id) { problems.append("flows/\(id): \(error)") }
                    entry = .unreadable
                }
            }
            kept.entries[tip] = entry
            if case .main(let main) = entry {
                mains[id] = main
                names[id] = main.name
            } else {
                names[id] = id
            }
        }
        // The same commits hold the same mains: a file of the same commits is kept as it is.
        let sameCommits =
            kept.entries.count == cached.entries.count && kept.entries.keys.allSatisfy { cached.entries[$0] != nil }
        if !sameCommits { kept.write(to: reader.git) }
        let known = KnownFlows(names: names)
        for id in changed.sorted() {
            guard let flow = flows[id] else { continue }
            let errors =
                (FlowValidator.findings(in: flow, id: id) + FlowValidator.missingTargets(in: flow, id: id, known: known))
                .filter { $0.severity == .error }
            problems += errors.map { "flows/\(id): \($0.description.dropPrefix("\(id): ") ?? $0.description)" }
        }
        // A flow this push renames: a caller by its old name would hand calls to nobody.
        var renamed: [String: String] = [:]
        for id in changed {
            guard let tip = before[id], let name = mains[id]?.name, let old = oldName(at: tip, cached: cached),
                old != name
            else { continue }
            renamed[id] = old
        }
        problems += try lostTargetProblems(
            deleted: deleted, renamed: renamed, before: before, after: tips, changed: changed, known: known)
        for clash in FlowValidator.conflicts(
            among: mains.sorted { $0.key < $1.key }.map { (id: $0.key, main: $0.value) })
        where clash.flow.map(changed.contains) == true {
            problems.append(
                "flows/\(clash.flow!): \(clash.description.dropPrefix("\(clash.flow!): ") ?? clash.description)")
        }
        return problems
    }

    /// The name of the flow at `commit` before the push, from the cache when it has it.
    private func oldName(at commit: ObjectID, cached: GateMainsCache) -> String? {
        if case .main(let main) = cached.entries[commit] { return main.name }
        return (try? reader.decoder.partialFlow(.tree(try reader.refs.tree(of: commit)), blocks: []))?.main.name
    }

    /// Flows the push leaves alone that hand calls to a flow it deletes (by id or by name), or
    /// by a name it renames away (`renamed`: old names by id).
    private func lostTargetProblems(
        deleted: [String], renamed: [String: String], before: [String: ObjectID], after: [String: ObjectID],
        changed: Set<String>, known: KnownFlows
    ) throws -> [String] {
        guard !deleted.isEmpty || !renamed.isEmpty else { return [] }
        var gone: [String: String] = [:]
        for id in deleted {
            gone[id] =
                (try? before[id].map { try reader.decoder.partialFlow(.tree(try reader.refs.tree(of: $0)), blocks: []) })??
                .main.name ?? id
        }
        let lost = KnownFlows(names: gone.merging(renamed) { deletedName, _ in deletedName })
        var problems: [String] = []
        for (id, tip) in after.sorted(by: { $0.key < $1.key }) where !changed.contains(id) {
            guard let flow = try? reader.decoder.flow(inTree: try reader.refs.tree(of: tip)) else { continue }
            for block in flow.sortedBlocks where block.type == "callflow" {
                guard let target = block.parameters["flow"]?.string, known.resolve(target) == nil,
                    let victim = lost.resolve(target)
                else { continue }
                problems.append(
                    gone[victim] != nil
                        ? "flows/\(id): block \(block.id): hands calls to flow '\(victim)', which this push deletes"
                        : "flows/\(id): block \(block.id): hands calls to flow '\(target)', which this push renames to "
                            + "'\(known.names[victim] ?? victim)'")
            }
        }
        return problems
    }
}
