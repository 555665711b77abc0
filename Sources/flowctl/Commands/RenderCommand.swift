import ArgumentParser
import CallFlow
import FlowRepository
import Foundation

struct RenderCommand: OutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a flow: its blocks as boxes, its exits as labelled arrows.",
        discussion: """
            The main block and every action block are nodes (id, type and the parameters that \
            say what the block does); each exit is an arrow labelled with its name. --format \
            dot prints Graphviz DOT, mermaid a Mermaid flowchart (for Markdown on git hosts), and \
            svg a picture Graphviz's dot makes (Debian's graphviz package; dot must be on PATH). \
            Without FLOW, the open flow as edited; --rev draws it as saved at a revision.

            --diff REV draws one picture of the change from REV to the flow as it is now (the \
            open flow as edited), --diff REV REV2 from REV to REV2: added blocks and arrows in \
            green, removed ones in red and dashed, changed blocks in orange; in DOT and SVG each \
            marked node and arrow also has the class added, removed or changed.

            Example: flowctl render support-line --diff @~1 --format svg -o change.svg
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case dot, svg, mermaid
    }

    @OptionGroup var output: OutputOptions

    @Argument(help: "The flow's id or name (default: the open flow).", completion: .flowIDs)
    var flow: String?

    @Option(help: ArgumentHelp("Draw the flow as saved at this revision.", valueName: "rev"), completion: .recentSaves)
    var rev: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Draw the change from the first revision to the second (default: now).", valueName: "rev"),
        completion: .recentSaves)
    var diff: [String] = []

    @Option(help: "What to print.")
    var format: Format = .dot

    @Option(name: .customShort("o"), help: ArgumentHelp("Write to this file.", valueName: "file"), completion: .file())
    var file: String?

    func validate() throws {
        if diff.count > 2 { throw ValidationError("--diff takes one or two revisions") }
        if !diff.isEmpty && rev != nil { throw ValidationError("give --rev or --diff, not both") }
    }

    func run() throws {
        let repository = try FlowReader.current()
        // `origin/flows/x`: the flow as the remote has it, from its remote-tracking branch.
        let selected = try repository.readableFlow(flow)
        let id = selected.id
        // A remote's flow: `@~1` counts from its branch, and "now" is its last fetched save.
        func saved(_ rev: String) throws -> Flow {
            try repository.savedFlow(id, revision: repository.revision(rev, of: selected))
        }
        let picture: FlowPicture
        if diff.isEmpty {
            picture = FlowPicture(rev == nil ? try repository.defaultFlow(selected) : try saved(rev!))
        } else {
            let old = try saved(diff[0])
            let new = diff.count == 2 ? try saved(diff[1]) : try repository.defaultFlow(selected)
            picture = FlowPicture(comparing: old, with: new)
        }
        let text: String
        switch format {
        case .dot: text = picture.dot
        case .mermaid: text = picture.mermaid
        case .svg: text = try Self.graphviz(picture.dot)
        }
        if let file {
            try OutputFile.write(Data(text.utf8), to: file)
            Output.note("Wrote \(file) (\(format.rawValue)).")
        } else {
            Output.document(text.trimmingTrailingNewlines)
        }
    }

    /// SVG from Graphviz's dot, found on PATH.
    static func graphviz(_ dot: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard
            let program = path.split(separator: ":").map({ "\($0)/dot" }).first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else {
            throw UserError(
                "--format svg needs Graphviz's dot on PATH: install it (apt-get install -y graphviz), "
                    + "or print DOT with --format dot")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-Tsvg"]
        let (input, output, errors) = (Pipe(), Pipe(), Pipe())
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let writer = Thread {
            input.fileHandleForWriting.write(Data(dot.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw UserError("dot failed: \(String(decoding: problem, as: UTF8.self))")
        }
        return String(decoding: svg, as: UTF8.self)
    }
}
