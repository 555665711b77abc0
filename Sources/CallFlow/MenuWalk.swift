/// A call through a menu block as the engine's cf_menu walks it (2600hz/kazoo dcf86cbc,
/// applications/callflow/src/module/cf_menu.erl): the prompt plays and digits are collected
/// (:91-101); a digit with a child takes it (:112-115); an invalid digit plays the prompt again
/// and uses a retry (:118-121); silence takes the `timeout` child when there is one, else uses
/// a retry (:137-147); with the retries used up the call takes `_`, flowctl's `no-choice`
/// (:74-86), and ends there when the menu has none.
struct MenuWalk {
    let block: Block
    /// cf_menu.erl:40, the engine's default, which is the catalog's too.
    static let defaultRetries = 3

    /// The exit taken and what the caller did, reading `digits` from `index` on; once they run
    /// out, the caller presses nothing.
    func walk(digits: [Character], from index: inout Int) -> (exit: String, heard: [String]) {
        var retries = block.parameters["retries"]?.integer ?? Self.defaultRetries
        var heard: [String] = []
        while retries > 0 {
            guard index < digits.count else {
                if block.exits[MenuExit.timeout] != nil {
                    heard.append("pressed nothing")
                    return (MenuExit.timeout, heard)
                }
                retries -= 1
                heard.append("pressed nothing" + (retries > 0 ? " (played again)" : ""))
                continue
            }
            let digit = String(digits[index])
            index += 1
            if block.exits[digit] != nil {
                heard.append("pressed \(digit)")
                return (digit, heard)
            }
            retries -= 1
            heard.append("pressed \(digit) (no such choice" + (retries > 0 ? ", played again)" : ")"))
        }
        heard.append("retries used up")
        return (MenuExit.noChoice, heard)
    }
}

extension Value {
    var integer: Int? {
        if case .int(let number) = self { return number }
        return nil
    }
}
