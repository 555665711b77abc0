import Foundation
import TestSupport
import Testing

@testable import Git

/// A remote's URL as a transfer reads it, with git as the oracle: git run from a subfolder
/// reaches the same repository through the configured URL as a transfer reaches through the
/// resolved one from anywhere else.
@Suite struct RemoteURLTests {
    @Test(arguments: ["../server.git", "server.git", "./server.git", "deeper/../server.git"])
    func aRelativePathMeansWhatItMeansToGitAtTheTop(url: String) throws {
        let scratch = try ScratchDirectory()
        let environment = testEnvironment(home: scratch.path)
        let top = scratch.path + "/top"
        for folder in ["/deeper", "/sub/deeper"] {
            try FileManager.default.createDirectory(atPath: top + folder, withIntermediateDirectories: true)
        }
        let git = GitCLI(directory: top, environment: environment)
        try git("init", "-q")
        // Two servers, one where the URL leads from the top, a decoy where it leads from sub.
        let serverFromTop = URL(fileURLWithPath: top + "/" + url).standardized.path
        let decoy = URL(fileURLWithPath: top + "/sub/" + url).standardized.path
        for (server, branch) in [(serverFromTop, "right"), (decoy, "decoy")] {
            let seed = GitCLI(directory: scratch.path, environment: environment)
            try seed("init", "-q", "--bare", server)
            let emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
            let commit = try seed("-C", server, "commit-tree", "-m", branch, emptyTree)
            try seed("-C", server, "update-ref", "refs/heads/" + branch, commit)
        }
        try git("remote", "add", "origin", url)
        let fromSub = try GitCLI(directory: top + "/sub", environment: environment)("ls-remote", "origin")
        #expect(fromSub.contains("refs/heads/right"), "git itself reads the URL from the top: \(fromSub)")

        let resolved = LocalService.resolving(url, from: top + "/")
        #expect(resolved.hasPrefix("/"))
        let elsewhere = GitCLI(directory: scratch.path, environment: environment)
        #expect(try elsewhere("ls-remote", resolved) == fromSub)
    }

    @Test(arguments: [
        "/srv/server.git", "file:///srv/server.git", "ssh://host/server.git", "host:server.git",
        "git@host:team/server.git", "https://example.com/server.git", "",
    ])
    func anythingButARelativePathIsLeftAsItIs(url: String) {
        #expect(LocalService.resolving(url, from: "/top/") == url)
    }
}
