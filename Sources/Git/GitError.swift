import CLibGit2

/// The one error the git layer throws: libgit2's own code, class and message, and the call that failed.
public struct GitError: Error, CustomStringConvertible, Sendable {
    /// The outcomes callers act on; everything else is `.other`.
    public enum Code: Sendable, Equatable {
        case notFound, exists, ambiguous, locked, modified, conflict, unbornBranch, uncommitted
        case other(Int32)

        init(_ raw: Int32) {
            switch raw {
            case GIT_ENOTFOUND.rawValue: self = .notFound
            case GIT_EEXISTS.rawValue: self = .exists
            case GIT_EAMBIGUOUS.rawValue: self = .ambiguous
            case GIT_ELOCKED.rawValue: self = .locked
            case GIT_EMODIFIED.rawValue: self = .modified
            case GIT_ECONFLICT.rawValue, GIT_EMERGECONFLICT.rawValue: self = .conflict
            case GIT_EUNBORNBRANCH.rawValue: self = .unbornBranch
            case GIT_EUNCOMMITTED.rawValue: self = .uncommitted
            default: self = .other(raw)
            }
        }
    }

    public let code: Code
    public let rawCode: Int32
    /// libgit2's error class (`git_error_t`), 0 when libgit2 set none.
    public let errorClass: Int32
    public let message: String
    /// The libgit2 function that failed.
    public let function: String

    public init(code: Int32, errorClass: Int32 = 0, message: String, function: String) {
        self.code = Code(code)
        self.rawCode = code
        self.errorClass = errorClass
        self.message = message
        self.function = function
    }

    /// libgit2's message; `function` says which call failed, for a bug report.
    public var description: String { message }

    /// Turns a negative libgit2 result into a `GitError`, reading the thread's last error straight
    /// after the call and clearing it so it never leaks into the next one. libgit2 1.5 may have no
    /// last error at all (NULL); later versions always have one.
    static func check(_ result: Int32, _ function: String) throws {
        guard result < 0 else { return }
        var message = "libgit2 error \(result)"
        var errorClass: Int32 = 0
        if let last = git_error_last() {
            if let text = last.pointee.message { message = String(cString: text) }
            errorClass = last.pointee.klass
        }
        git_error_clear()
        throw GitError(code: result, errorClass: errorClass, message: message, function: function)
    }
}
