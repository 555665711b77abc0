import CLibGit2
import Glibc

/// A git object id (SHA-1), as a plain value.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    var raw: git_oid

    init(_ raw: git_oid) { self.raw = raw }

    init(_ pointer: UnsafePointer<git_oid>) { self.raw = pointer.pointee }

    /// Parses a full 40-character hex id (either case); nil for anything else.
    public init?(hex: String) { self.init(hexBytes: Array(hex.utf8)[...]) }

    /// Parses 40 hex digits from bytes (either case); nil for anything else.
    public init?(hexBytes bytes: ArraySlice<UInt8>) {
        guard let id = bytes.withUnsafeBufferPointer({ ObjectID(hexBytes: $0) }) else { return nil }
        self = id
    }

    /// The same, from bytes read in place.
    public init?(hexBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == Int(GIT_OID_HEXSZ) else { return nil }
        var raw = git_oid()
        let parsed = withUnsafeMutableBytes(of: &raw.id) { id -> Bool in
            var index = bytes.startIndex
            for position in 0..<id.count {
                guard let high = Self.nibble(bytes[index]), let low = Self.nibble(bytes[index + 1]) else {
                    return false
                }
                id[position] = high << 4 | low
                index += 2
            }
            return true
        }
        guard parsed else { return nil }
        self.raw = raw
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Appends the 40 hex digits to `out`.
    public func appendHex(to out: inout [UInt8]) {
        withUnsafeBytes(of: raw.id) { bytes in
            for byte in bytes {
                out.append(Self.hexDigits[Int(byte >> 4)])
                out.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    public var description: String {
        // Written here: a call into libgit2 goes through its loader's table.
        withUnsafeBytes(of: raw.id) { bytes in
            String(unsafeUninitializedCapacity: 2 * bytes.count) { text in
                for (index, byte) in bytes.enumerated() {
                    text[2 * index] = Self.hexDigits[Int(byte >> 4)]
                    text[2 * index + 1] = Self.hexDigits[Int(byte & 0x0F)]
                }
                return 2 * bytes.count
            }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The first seven hex digits, as `git log --oneline` shows them.
    public var short: String { String(description.prefix(7)) }

    public static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
        // Compared here: a call into libgit2 goes through its loader's table, and a generic
        // comparison of the bytes cost eight times memcmp.
        withUnsafeBytes(of: lhs.raw.id) { left in
            withUnsafeBytes(of: rhs.raw.id) { memcmp(left.baseAddress!, $0.baseAddress!, left.count) == 0 }
        }
    }

    /// The first eight bytes: a SHA-1's bytes are evenly spread, so they tell ids apart as well
    /// as all twenty, at a fifth of the hashing.
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: raw.id) { hasher.combine($0.loadUnaligned(as: UInt64.self)) }
    }
}
