/// "Did you mean ...?" for a word mistyped among known ones, as git suggests a command.
public enum Suggestion {
    /// The known word closest to `word`: one that differs only in case, else the nearest by edit
    /// distance, within `limit` edits (default: a third of the word's length, 2 to 3); nil when
    /// none is.
    public static func closest(to word: String, among known: some Sequence<String>, limit: Int? = nil) -> String? {
        let lower = word.lowercased()
        let candidates = Array(known)
        if let sameLetters = candidates.first(where: { $0.lowercased() == lower }) { return sameLetters }
        let limit = limit ?? max(2, min(3, lower.count / 3))
        let scored = candidates.map { ($0, distance(lower, $0.lowercased())) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }?.0
    }

    /// `; did you mean log?`, or nothing.
    public static func clause(for word: String, among known: some Sequence<String>) -> String {
        closest(to: word, among: known).map { "; did you mean \($0)?" } ?? ""
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let (a, b) = (Array(a), Array(b))
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var row = [i + 1]
            for (j, y) in b.enumerated() {
                row.append(min(previous[j + 1] + 1, row[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = row
        }
        return previous[b.count]
    }
}
