import Foundation
import TestSupport
import Testing

/// `save` reports what `validate` finds in the whole flow, reading only the files that changed:
/// the other blocks' checks are kept from the last save, by blob id, in `.git/flowctl/block-checks`.
@Suite struct SaveCheckTests {
    /// A flow whose blocks have a finding of every kind: a bad parameter, a password in clear, an
    /// exit to a missing block, an unknown type, an exit the type has not, unreachable blocks.
    func flowWithFindings() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Checked")
        try FileManager.default.createDirectory(atPath: session.repo + "/blocks", withIntermediateDirectories: true)
        try session.write("blocks/a.yaml", "type: webhook\nurl: https://u:pw@h.example.com/a\nretries: 9\nnext: gone\n")
        // An unknown type with a tab and a backslash: kept checks are escaped.
        try session.write("blocks/b.yaml", "type: \"bo\\tg\\\\us\"\nnext: a\n")
        try session.write("blocks/c.yaml", "type: webhook\nurl: https://h.example.com/c\nexits:\n  zap: a\n")
        try session.write("blocks/d.yaml", "type: play\nmedia: m.mp3\nnext: a\n")
        return session
    }

    /// The findings a command printed, one per line, in order.
    /// The findings a command printed: validate's lines, or save's (indented under its one
    /// "warning: saving with N problems" line).
    func findings(_ result: ProcessResult) -> [String] {
        (result.stdout + result.stderr).split(separator: "\n").map { String($0.drop { $0 == " " }) }
            .filter { ($0.hasPrefix("error: ") || $0.hasPrefix("warning: ")) && !$0.hasPrefix("warning: saving with") }
    }

    var checksFile: String { ".git/flowctl/block-checks" }

    @Test func eachSaveReportsWhatValidateFindsAndKeepsEveryBlocksCheckByBlob() throws {
        let session = try flowWithFindings()
        let first = try session.flowctl("save", "-m", "first")
        let validated = findings(try session.flowctl("validate"))
        #expect(validated.count == 11, "\(validated)")
        #expect(findings(first) == validated)
        // One kept check per block, under the blob the save committed.
        let blobs = try session.git("ls-tree", "flows/checked", "blocks/").split(separator: "\n").map { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            return "\(fields[2]) \(fields[3])"
        }
        let kept = try session.read(checksFile).split(separator: "\n").dropFirst().map { line in
            line.split(separator: "\t").prefix(2).joined(separator: " ")
        }
        #expect(kept.sorted() == blobs.sorted())
        // The next saves read only what changed, and still report the whole flow.
        for (step, text) in ["type: webhook\nurl: https://h.example.com/c2\n", "type: webhook\nnext: nowhere\n"]
            .enumerated()
        {
            try session.write("blocks/c.yaml", text)
            let saved = try session.flowctl("save", "-m", "step \(step)")
            #expect(saved.status == 0)
            #expect(findings(saved) == findings(try session.flowctl("validate")))
        }
        try session.git("fsck", "--strict")
    }

    @Test func anUnchangedBlockIsNotReadAgainWhileItsCheckIsKept() throws {
        let session = try flowWithFindings()
        try session.flowctl("save", "-m", "first")
        let real = "retries: retries must be 0 to 4 (got 9)"
        // What is kept is what is reported: block a's file is not read again...
        let kept = try session.read(checksFile)
        try session.write(checksFile, kept.replacingOccurrences(of: "retries must be 0 to 4 (got 9)", with: "KEPT"))
        try session.write("blocks/c.yaml", "type: webhook\nurl: https://h.example.com/c2\n")
        let saved = try session.flowctl("save", "-m", "second")
        #expect(findings(saved).contains("error: checked: block a: retries: KEPT"))
        #expect(findings(try session.flowctl("validate")).contains("error: checked: block a: \(real)"))
        // ...until a build of flowctl that did not write the file: it starts afresh.
        let other = try session.read(checksFile).replacingOccurrences(
            of: #"^flowctl block-checks 1 [^\n]*"#, with: "flowctl block-checks 1 another-build",
            options: .regularExpression)
        try session.write(checksFile, other)
        try session.write("blocks/c.yaml", "type: webhook\nurl: https://h.example.com/c3\n")
        #expect(findings(try session.flowctl("save", "-m", "third")).contains("error: checked: block a: \(real)"))
        let rewritten = try session.read(checksFile)
        #expect(rewritten.hasPrefix("flowctl block-checks 1 ") && !rewritten.contains("another-build"))
    }

    /// A save writes the unchanged blocks' lines back as it read them: they must be what a save
    /// that checks those blocks afresh writes.
    @Test func keptLinesAreWrittenBackAsAFreshSaveWritesThem() throws {
        let session = try flowWithFindings()
        try session.flowctl("save", "-m", "first")
        try session.write("blocks/c.yaml", "type: webhook\nurl: https://h.example.com/c2\n")
        try session.flowctl("save", "-m", "second")  // a, b and d copied, c written
        func lines() throws -> Set<String> {
            Set(try session.read(checksFile).split(separator: "\n").dropFirst().map(String.init))
        }
        let copied = try lines()
        try FileManager.default.removeItem(atPath: session.repo + "/" + checksFile)
        try session.write("blocks/d.yaml", "type: play\nmedia: m2.mp3\nnext: a\n")
        try session.flowctl("save", "-m", "third")  // every block checked afresh
        let fresh = try lines()
        let notD = { (line: String) in !line.contains("\tblocks/d.yaml\t") }
        #expect(copied.count == 4 && fresh.count == 4)
        #expect(copied.filter(notD) == fresh.filter(notD))
        #expect(copied.filter(notD).count == 3)
    }

    @Test func aDamagedChecksFileIsIgnored() throws {
        let session = try flowWithFindings()
        try session.flowctl("save", "-m", "first")
        // Were a damaged file used, block a's finding would say KEPT.
        let kept = try session.read(checksFile).replacingOccurrences(
            of: "retries must be 0 to 4 (got 9)", with: "KEPT")
        var lines = kept.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let damaged = [
            String(kept.dropLast(7)),  // cut short
            kept.replacingOccurrences(of: "\t1\t", with: "\t999999\t"),  // a count past the line
            (lines.insert("not a check", at: 1), lines.joined(separator: "\n")).1,
            kept.replacingOccurrences(of: "+retries", with: "+re\\qtries"),  // a bad escape
        ]
        for (index, text) in damaged.enumerated() {
            try session.write(checksFile, text)
            try session.write("blocks/c.yaml", "type: webhook\nurl: https://h.example.com/c\(index)\n")
            let saved = try session.flowctl("save", "-m", "after damage \(index)")
            #expect(saved.status == 0, "\(saved.stderr)")
            #expect(findings(saved) == findings(try session.flowctl("validate")), "damage \(index)")
        }
    }
}
