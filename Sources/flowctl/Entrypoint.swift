import ArgumentParser

@main
enum Entrypoint {
    static func main() {
        Output.guardStandardStreams()
        do {
            var command = try Flowctl.parseAsRoot()
            if let styled = command as? any OutputCommand { Output.configure(styled.output, quiet: styled.quiet) }
            try command.run()
            Output.finish()
        } catch {
            Output.exit(with: error)
        }
    }
}
