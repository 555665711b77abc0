import Git

/// A tree's entries in git's order, and by name once asked for by name.
final class TreeListing {
    let entries: [TreeEntry]
    private(set) lazy var byName = Dictionary(entries.map { ($0.name, $0) }) { first, _ in first }

    init(_ entries: [TreeEntry]) {
        self.entries = entries
    }
}

/// Values kept for the current generation and the one before: reading a value of the older
/// one brings it into the current one, and starting a generation forgets the older.
struct TwoGenerations<Key: Hashable, Value> {
    private var current: [Key: Value] = [:]
    private var older: [Key: Value] = [:]

    subscript(key: Key) -> Value? {
        mutating get {
            if let value = current[key] { return value }
            guard let value = older[key] else { return nil }
            current[key] = value
            return value
        }
        set { current[key] = newValue }
    }

    mutating func startGeneration() {
        swap(&current, &older)
        current.removeAll(keepingCapacity: true)
    }
}

/// What a decoded file is kept under: its blob id, and its path or the block id it was read as.
struct DecodedKey: Hashable {
    var id: ObjectID
    var name: String

    /// The blob id alone: it rarely comes under two paths, and hashing the path cost more than
    /// the rest of a look-up.
    func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// The last few values read, by key, for a walk that reads each once and needs it once more
/// right after: a handful compared in a list cost less than a dictionary that grows and is
/// thrown away at every step.
struct RecentlyRead<Key: Equatable, Value> {
    private var items: [(key: Key, value: Value)] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    subscript(key: Key) -> Value? {
        items.first { $0.key == key }?.value
    }

    /// Keeps `value`, forgetting the oldest when full.
    mutating func insert(_ value: Value, for key: Key) {
        if items.count < capacity {
            items.append((key, value))
        } else {
            items[next] = (key, value)
            next = (next + 1) % capacity
        }
    }
}
