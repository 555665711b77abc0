import Foundation
import Git

/// A git lock file that a failing call may have run into, for the message.
enum GitLockFile {
    case index, head
    case reference(String)
}

extension Journal {
    /// Runs a git-layer call that may meet one of git's own lock files; a lock that is there is
    /// named, with how to tell whether it is stale and remove it.
    func gitCallNamingLock<T>(_ file: GitLockFile, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GitError {
            let lockPath: String
            switch file {
            case .index: lockPath = git.gitDirectory + "index.lock"
            case .head: lockPath = git.gitDirectory + "HEAD.lock"
            case .reference(let name): lockPath = git.commonDirectory + name + ".lock"
            }
            if FileManager.default.fileExists(atPath: lockPath) { throw WriteError.gitLockHeld(path: lockPath) }
            throw FlowError.git(error)
        }
    }
}
