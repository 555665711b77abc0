import Foundation
import TestSupport
import Testing

/// A clone is all or nothing: made in a staging folder and renamed into place, so a clone
/// killed part way leaves no folder under its name, and the retry makes it.
@Suite struct CloneAllOrNothingTests {
    /// A server that accepts connections and never answers: a clone from it waits, and is
    /// killed while it waits.
    @Test func aKilledCloneLeavesNothingTheRetryRefuses() throws {
        let session = try Session()
        let root = try TransportTests.seeded(session)
        let port = closedPort()
        let silent = try spawn(
            "/usr/bin/python3",
            [
                "-c",
                "import socket\ns = socket.socket()\ns.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                    + "s.bind(('127.0.0.1', \(port)))\ns.listen(8)\nheld = []\nwhile True: held.append(s.accept())\n",
            ], log: session.home.path + "/silent.log", newSession: true)
        defer {
            kill(-silent, SIGKILL)
            var status: Int32 = 0
            waitpid(silent, &status, 0)
        }
        let deadline = Date().addingTimeInterval(20)
        while !HTTPBin.accepts(port: port) && Date() < deadline { usleep(20_000) }
        let folder = session.scratch.path
        let clone = try spawn(
            Session.binary, ["clone", "git://127.0.0.1:\(port)/server.git", folder + "/one"],
            log: session.home.path + "/clone.log", environment: session.environment)
        // The clone is under way once its staging folder is there.
        let staging = {
            (try? FileManager.default.contentsOfDirectory(atPath: folder))?.first { $0.hasPrefix(".one.") }
        }
        while staging() == nil && Date() < deadline { usleep(20_000) }
        let stagingName = try #require(staging(), "no staging folder in 20 s")
        kill(clone, SIGKILL)
        var status: Int32 = 0
        waitpid(clone, &status, 0)
        #expect(!FileManager.default.fileExists(atPath: folder + "/one"), "no half-made clone under its name")
        let retried = try run(
            Session.binary, ["clone", root + "/server.git", "one"], in: folder, environment: session.environment)
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(
            !FileManager.default.fileExists(atPath: folder + "/" + stagingName), "the killed clone's staging is gone")
        let git = GitCLI(directory: folder + "/one", environment: session.environment)
        #expect(try git.run(["fsck", "--strict"]).status == 0)
        #expect(try git("rev-parse", "--abbrev-ref", "HEAD") == "flows/support")
        #expect(try run(Session.binary, ["status"], in: folder + "/one", environment: session.environment).status == 0)
    }
}
