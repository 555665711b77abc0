import Foundation
import TestSupport
import Testing

/// A clone is all or nothing: made in a staging folder and renamed into place, so a clone
/// killed part way leaves no folder under its name, and the retry makes it.
@Suite struct CloneAllOrNothingTests {
    /// A server that accepts connections and never answers: a clone from it waits, and is
    /// killed while it waits.
    /// A server process that accepts every connection and never answers, on `port`; stopped
    /// when the returned value is let go of.
    final class SilentServer {
        let port = closedPort()
        private let pid: pid_t

        init(log: String) throws {
            pid = try spawn(
                "/usr/bin/python3",
                [
                    "-c",
                    "import socket\ns = socket.socket()\ns.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                        + "s.bind(('127.0.0.1', \(port)))\ns.listen(8)\nheld = []\nwhile True: held.append(s.accept())\n",
                ], log: log, newSession: true)
            let deadline = Date().addingTimeInterval(20)
            while !HTTPBin.accepts(port: port) && Date() < deadline { usleep(20_000) }
        }

        deinit {
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    @Test func aKilledCloneLeavesNothingTheRetryRefuses() throws {
        let session = try Session()
        let root = try TransportTests.seeded(session)
        let server = try SilentServer(log: session.home.path + "/silent.log")
        let port = server.port
        let deadline = Date().addingTimeInterval(20)
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

    /// A server that accepts and never answers: flowctl gives up after http.lowSpeedTime
    /// (GIT_HTTP_LOW_SPEED_TIME here) with one clear error over http, git:// and ssh alike, as git
    /// does over http with the same setting, and the clone leaves nothing.
    @Test func aStalledServerTimesOutAsGitDoes() throws {
        let session = try Session()
        let server = try SilentServer(log: session.home.path + "/silent.log")
        var environment = session.environment
        environment["GIT_HTTP_LOW_SPEED_LIMIT"] = "1"
        environment["GIT_HTTP_LOW_SPEED_TIME"] = "2"
        let folder = session.scratch.path
        let url = "http://127.0.0.1:\(server.port)/server.git"
        let byGit = try run("/usr/bin/git", ["clone", url, "g"], in: folder, environment: environment)
        #expect(byGit.status != 0 && byGit.stderr.contains("Operation too slow"), "\(byGit.stderr)")
        for url in [
            url, "git://127.0.0.1:\(server.port)/server.git", "ssh://git@127.0.0.1:\(server.port)/server.git",
        ] {
            let started = Date()
            let cloned = try run(Session.binary, ["clone", url, "one"], in: folder, environment: environment)
            #expect(cloned.status == 1)
            #expect(cloned.stderr.contains("sent less than 1 byte a second for 2 seconds"), "\(cloned.stderr)")
            #expect(cloned.stderr.contains("http.lowSpeedTime"), "how to give it longer: \(cloned.stderr)")
            #expect(Date().timeIntervalSince(started) < 30, "gave up, not hung")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("one") }.isEmpty)
        }
    }
}
