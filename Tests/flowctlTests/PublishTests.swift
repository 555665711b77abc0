import Foundation
import TestSupport
import Testing

/// A live version per flow: annotated tags published/<id>/v<N>, as git and any git host see them.
@Suite struct PublishTests {
    func helpdesk() throws -> Session {
        let session = try Session()
        try session.flowctl("init", "repo", in: session.scratch.path)
        try session.flowctl("create", "Helpdesk", "--extension", "101", "--seat", "alice")
        return session
    }

    @Test func publishTagsTheLastSaveAndRefusesDraftsThatCannotRun() throws {
        let session = try helpdesk()
        let first = try session.flowctl("publish", "-m", "Opening day")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Published helpdesk v1"))
        #expect(try session.git("tag", "-l", "published/*") == "published/helpdesk/v1")
        let tag = try session.git("cat-file", "-p", "published/helpdesk/v1")
        #expect(tag.contains("type commit") && tag.contains("tagger Ada Admin <ada@example.com>"))
        #expect(tag.contains("Opening day"))
        #expect(
            try session.git("rev-parse", "published/helpdesk/v1^{commit}") == session.git("rev-parse", "flows/helpdesk")
        )

        try session.flowctl("add-block", "play", "--id", "greet")
        let unsaved = try session.flowctl("publish")
        #expect(unsaved.status == 1)
        #expect(unsaved.stderr.contains("unsaved changes"))
        try session.flowctl("save", "-m", "greet without media")
        let invalid = try session.flowctl("publish")
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("block greet: media: media is required"), "\(invalid.stderr)")
        #expect(try session.git("tag", "-l", "published/*") == "published/helpdesk/v1")

        try session.flowctl("set", "greet", "media=hello.mp3")
        try session.flowctl("save", "-m", "media")
        #expect(try session.flowctl("publish").stdout.contains("v2"))
        #expect(try session.flowctl("publish").stdout.contains("Nothing to publish"))
        try session.git("fsck", "--strict")
    }

    @Test func listStatusLogAndDiffShowWhatIsLive() throws {
        let session = try helpdesk()
        try session.flowctl("publish")
        try session.flowctl("set-main", "--seat", "bob")
        try session.flowctl("save", "-m", "bob")
        #expect(try session.flowctl("list").stdout.contains("live v1, 1 save behind"))
        #expect(try session.flowctl("status").stdout.contains("live v1, 1 save behind"))
        let listJSON = try session.flowctl("list", "--json").stdout
        #expect(listJSON.contains("\"live\" : 1") && listJSON.contains("\"saves_behind\" : 1"), "\(listJSON)")
        let log = try session.flowctl("log", "--oneline").stdout
        #expect(log.contains("[published v1 (live)]"), "\(log)")
        let diff = try session.flowctl("diff", "--live")
        #expect(diff.stdout.contains("main: seat: alice -> bob"), "\(diff.stdout)")
    }

    @Test func rollingBackWhatIsLiveLeavesTheDraftAlone() throws {
        let session = try helpdesk()
        try session.flowctl("publish")
        try session.flowctl("set-main", "--seat", "bob")
        try session.flowctl("save", "-m", "bob")
        try session.flowctl("publish")
        let draft = try session.git("rev-parse", "flows/helpdesk")
        let back = try session.flowctl("publish", "--rollback")
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("Published helpdesk v3"))
        #expect(
            try session.git("rev-parse", "published/helpdesk/v3^{commit}")
                == session.git("rev-parse", "published/helpdesk/v1^{commit}"))
        #expect(try session.git("rev-parse", "flows/helpdesk") == draft)
        #expect(try session.read("flow.yaml").contains("seat: bob"))
        #expect(try session.flowctl("publish", "--rollback", "v9").stderr.contains("has no published version v9"))
    }

    @Test func concurrentPublishesNeverLoseATag() throws {
        let session = try helpdesk()
        var environment = session.environment
        environment["FLOWCTL"] = Session.binary
        let result = try run(
            "/bin/bash", ["-c", "\"$FLOWCTL\" publish & \"$FLOWCTL\" publish & \"$FLOWCTL\" publish & wait"],
            in: session.repo, environment: environment)
        #expect(result.stdout.components(separatedBy: "Published helpdesk v1").count == 2, "\(result.stdout)")
        #expect(result.stdout.components(separatedBy: "Nothing to publish").count == 3, "\(result.stdout)")
        #expect(try session.git("tag", "-l", "published/*") == "published/helpdesk/v1")
    }
}
