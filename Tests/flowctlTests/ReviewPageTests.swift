import Foundation
import TestSupport
import Testing

/// `review --format html` opened in a real browser (Debian's Chromium, headless): the page logs
/// nothing to the console, asks the network for nothing, shows every changed block and path,
/// and draws the picture; screenshots at phone and desktop widths are kept in
/// `.build/test-artefacts/review-page/` (or `$FLOWCTL_TEST_ARTEFACTS`).
@Suite struct ReviewPageTests {
    static var artefacts: String {
        ProcessInfo.processInfo.environment["FLOWCTL_TEST_ARTEFACTS"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/test-artefacts").path
    }

    @Test func thePageReadsInABrowserWithoutScriptOrNetwork() throws {
        let session = try Session.withThreeFlowChange()
        let folder = Self.artefacts + "/review-page"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let page = folder + "/review.html"
        try session.expect("review", "--all", "--format", "html", "-o", page)
        let browser = Chromium(profile: session.home.path)

        // The detectors see what they must: a page that logs and fetches is caught.
        let control = session.scratch.path + "/control.html"
        try """
        <!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script></body></html>
        """.write(toFile: control, atomically: true, encoding: .utf8)
        let caught = try browser.visit(control)
        #expect(caught.console.contains { $0.contains("boom") })
        #expect(caught.pageRequests == ["http://127.0.0.1:9/x.png"])

        let visit = try browser.visit(page)
        #expect(visit.console.isEmpty, "\(visit.console)")
        #expect(visit.pageRequests.isEmpty, "\(visit.pageRequests)")
        let text = ReviewDocumentTests.unescape(visit.dom.replacing(/<[^>]*>/, with: ""))
        for changed in [
            "block menu: exits.1: vm → sales", "block vm: renamed to messages",
            "block hours: rules: {open: mon-fri 09:00-17:00} → {open: mon-fri 09:00-18:00}",
            "caller presses 1", "caller presses 1, answered at the ringing", "mon-fri 17:00-18:00",
        ] {
            #expect(text.contains(changed), "\(changed)")
        }
        // The pictures are drawn: three inline SVGs, with every block a node.
        #expect(visit.dom.components(separatedBy: "<svg").count - 1 == 3)
        #expect(visit.dom.components(separatedBy: "class=\"node").count - 1 == 11)
        #expect(!visit.dom.contains("<script"))

        for (name, width, height) in [("phone", 390, 844), ("desktop", 1280, 900)] {
            let shot = folder + "/review-\(name).png"
            try? FileManager.default.removeItem(atPath: shot)
            try browser.screenshot(page, width: width, height: height, to: shot)
            let png = try Data(contentsOf: URL(fileURLWithPath: shot))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            // PNG's IHDR: the width the page was laid out at.
            #expect(png[16..<20].reduce(0) { $0 << 8 | Int($1) } == width)
        }
    }
}
