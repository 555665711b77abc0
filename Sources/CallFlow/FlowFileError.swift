/// A flow file that cannot be read: which file, which line (1-based, when known) and what is wrong.
public struct FlowFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `blocks/notify.yaml:3: retries must be ...`, the form compilers and editors jump to.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
