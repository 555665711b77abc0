/// Where a JSON text breaks, as `line 3, column 7: expected ',' or '}'`.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        (self.line, self.column, self.message) = (line, column, message)
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
