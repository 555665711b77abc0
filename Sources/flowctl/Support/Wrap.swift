/// Lines of prose folded at the terminal's width, between words, as a reader would break them:
/// a folded line goes on two spaces further in than it started, so it reads as one item. Used
/// only on a terminal, and only for prose: documents (YAML, JSON, patches, pictures, exports)
/// keep their lines whole, and on a pipe every line is whole.
enum Wrap {
    /// `text` with each line longer than `width` visible columns folded.
    static func lines(_ text: String, width: Int) -> String {
        guard width > 20, text.contains(where: { $0 == "\n" }) || Terminal.visibleWidth(text) > width else {
            return text
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { fold(String($0), width: width) }.joined(separator: "\n")
    }

    private static func fold(_ line: String, width: Int) -> String {
        guard Terminal.visibleWidth(line) > width else { return line }
        let lead = line.prefix { $0 == " " }.count
        let indent = String(repeating: " ", count: min(lead + 2, width / 2))
        var folded: [String] = []
        var current = ""
        var currentWidth = 0
        for word in words(line) {
            let wordWidth = Terminal.visibleWidth(word)
            if currentWidth + wordWidth > width, currentWidth > indent.count {
                folded.append(String(current.reversed().drop { $0 == " " }.reversed()))
                current = indent
                currentWidth = indent.count
                if word.allSatisfy({ $0 == " " }) { continue }
            }
            var rest = Substring(word)
            // A word longer than a whole line (a long URL) is broken where the line ends.
            while currentWidth + Terminal.visibleWidth(String(rest)) > width, currentWidth < width {
                let room = width - currentWidth
                current += rest.prefix(room)
                rest = rest.dropFirst(room)
                folded.append(current)
                current = indent
                currentWidth = indent.count
            }
            current += rest
            currentWidth += Terminal.visibleWidth(String(rest))
        }
        folded.append(current)
        return folded.joined(separator: "\n")
    }

    /// The line cut after each run of spaces, so that joining the words gives the line back.
    private static func words(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        for character in line {
            if character != " ", word.last == " " {
                words.append(word)
                word = ""
            }
            word.append(character)
        }
        if !word.isEmpty { words.append(word) }
        return words
    }
}
