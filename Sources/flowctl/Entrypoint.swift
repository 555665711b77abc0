import ArgumentParser

@main
enum Entrypoint {
    static func main() {
        do {
            var command = try Flowctl.parseAsRoot()
            try command.run()
        } catch {
            Output.exit(with: error)
        }
    }
}
