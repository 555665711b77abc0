import CLibGit2

/// A git object id (SHA-1), as a plain value.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    var raw: git_oid

    init(_ raw: git_oid) { self.raw = raw }

    init(_ pointer: UnsafePointer<git_oid>) { self.raw = pointer.pointee }

    /// Parses a full 40-character hex id; nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == Int(GIT_OID_HEXSZ), hex.utf8.allSatisfy({ $0.isHexDigit }) else { return nil }
        var oid = git_oid()
        guard git_oid_fromstr(&oid, hex) == 0 else { return nil }
        raw = oid
    }

    public var description: String {
        var buffer = [UInt8](repeating: 0, count: Int(GIT_OID_HEXSZ))
        withUnsafePointer(to: raw) { oid in
            buffer.withUnsafeMutableBufferPointer { hex in
                hex.withMemoryRebound(to: CChar.self) { _ = git_oid_fmt($0.baseAddress, oid) }
            }
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The first seven hex digits, as `git log --oneline` shows them.
    public var short: String { String(description.prefix(7)) }

    public static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
        withUnsafePointer(to: lhs.raw) { l in withUnsafePointer(to: rhs.raw) { r in git_oid_cmp(l, r) == 0 } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: raw.id) { hasher.combine(bytes: $0) }
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (48...57).contains(self) || (97...102).contains(self) || (65...70).contains(self)
    }
}
