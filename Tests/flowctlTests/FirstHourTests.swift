import Foundation
import TestSupport
import Testing

/// What a new user meets in the first hour, on a terminal as they would (through `script`).
@Suite struct FirstHourTests {
    /// `flowctl ARGS` on a pseudo-terminal of `columns` columns; its lines without the CRs.
    func onTerminal(_ session: Session, _ arguments: String, columns: Int) throws -> [String] {
        var environment = session.environment
        environment["COLUMNS"] = "\(columns)"
        let result = try run(
            "/usr/bin/script", ["-qec", "\(Session.binary) \(arguments)", "/dev/null"], in: session.repo,
            environment: environment)
        return result.stdout.replacingOccurrences(of: "\r", with: "").split(separator: "\n").map(String.init)
    }

    @Test(arguments: [60, 80, 100])
    func listFitsTheTerminalAndCutsNamesLast(_ columns: Int) throws {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl(
            "create", "Support Line for the Northern Region", "--extension", "101", "--number", "+15551234567",
            "--number", "+15551234568", "--number", "+15551234569", "--seat", "alice-the-administrator")
        try session.flowctl("create", "Night Service Desk", "--extension", "102", "--seat", "bob")
        let lines = try onTerminal(session, "list", columns: columns)
        #expect(lines.count == 3, "\(lines)")
        for line in lines { #expect(line.count <= columns, "\(line.count) > \(columns): \(line)") }
        if columns >= 80 {
            #expect(lines.contains { $0.contains("Night Service Desk") }, "a short name is cut: \(lines)")
        }
        // The name keeps most of itself: the other columns gave up their room first.
        let support = try #require(lines.first { $0.contains("Support") })
        #expect(support.contains(columns >= 80 ? "Support Line for the" : "Support Line"), "\(support)")
        let piped = try session.flowctl("list").stdout
        #expect(piped.contains("Support Line for the Northern Region"))
        #expect(piped.contains("+15551234567, +15551234568, +15551234569"))
        #expect(piped.contains("seat alice-the-administrator"))
    }
}
