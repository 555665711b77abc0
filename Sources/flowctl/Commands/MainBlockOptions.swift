import ArgumentParser
import CallFlow

/// The main block's routing and seat, as `create` and `set-main` take them.
struct MainBlockOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The internal extension (digits).", valueName: "digits"))
    var `extension`: String?

    @Option(
        name: .customLong("number"),
        help: ArgumentHelp(
            "A phone number routed to the flow, as +15551234567; repeat for several.", valueName: "number"))
    var numbers: [String] = []

    @Option(help: ArgumentHelp("The seat (licensed user or agent) assigned to the flow.", valueName: "seat"))
    var seat: String?

    func validate() throws {
        let problems =
            [`extension`.flatMap(MainBlockRule.problem(extension:)), seat.flatMap(MainBlockRule.problem(seat:))]
            + numbers.map(MainBlockRule.problem(number:))
        if let problem = problems.compactMap({ $0 }).first { throw ValidationError(problem) }
    }
}

/// Checks a flow name the way the repository will need it: valid, and with an id to be made.
func validateFlowName(_ name: String) throws {
    if let problem = MainBlockRule.problem(name: name) { throw ValidationError(problem) }
    if Slug.make(from: name) == nil {
        throw ValidationError(
            "the name '\(name)' has no letters or digits to make an id from (ids are a-z, 0-9 and '-')")
    }
}
