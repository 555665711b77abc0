import CallFlow
import Foundation

/// Where `${env:NAME}` and `${secret:NAME}` get their values when a request is sent: the
/// environment, and the secrets file, which lives outside the repository
/// (`$FLOWCTL_SECRETS`, else `$XDG_CONFIG_HOME/flowctl/secrets`, else
/// `~/.config/flowctl/secrets`), holds `NAME=value` lines, and must be readable by its owner
/// only (mode 0600). The file is read only when a request names a secret.
public final class Secrets {
    private let environment: [String: String]
    private var file: [String: String]?
    /// Folders the file must not be in (the working tree: anything there can be committed).
    private let refusedFolders: [String]

    public init(environment: [String: String], outside refusedFolders: [String] = []) {
        self.environment = environment
        self.refusedFolders = refusedFolders
    }

    /// The secrets file's path.
    public var path: String {
        if let path = environment["FLOWCTL_SECRETS"], !path.isEmpty { return path }
        let config =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return config + "/flowctl/secrets"
    }

    /// The value of `placeholder`, or an error that says where it was looked for.
    public func value(of placeholder: Placeholder) throws(DeliveryError) -> String {
        let value: String
        switch placeholder.source {
        case .env:
            guard let found = environment[placeholder.name] else {
                throw DeliveryError("\(placeholder) is not set: \(placeholder.name) is not in the environment")
            }
            value = found
        case .secret:
            guard let found = try loadFile()[placeholder.name] else {
                throw DeliveryError(
                    "\(placeholder) is not in the secrets file \(path): add a line \(placeholder.name)=...")
            }
            value = found
        }
        return value
    }

    private func loadFile() throws(DeliveryError) -> [String: String] {
        if let file { return file }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw DeliveryError(
                "there is no secrets file \(path) (NAME=value lines, mode 0600; FLOWCTL_SECRETS names another)")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw DeliveryError("the secrets file \(path) is not a regular file")
        }
        if let real = realpath(path, nil) {
            defer { free(real) }
            let resolved = String(cString: real)
            for folder in refusedFolders {
                guard let realFolder = realpath(folder, nil) else { continue }
                defer { free(realFolder) }
                let inside = String(cString: realFolder)
                if resolved.hasPrefix(inside.hasSuffix("/") ? inside : inside + "/") {
                    throw DeliveryError(
                        "the secrets file \(path) is inside the repository's working tree \(inside), where it could be "
                            + "committed: move it outside (FLOWCTL_SECRETS names where)")
                }
            }
        }
        guard info.st_mode & 0o077 == 0 else {
            throw DeliveryError(
                "the secrets file \(path) can be read by others (mode \(String(info.st_mode & 0o777, radix: 8))): "
                    + "run 'chmod 600 \(path)'")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DeliveryError("cannot read the secrets file \(path)")
        }
        var values: [String: String] = [:]
        // Lines end at LF (a CRLF file's CR goes with the trimming): a CR inside a value stays
        // in it, so that the header check refuses it rather than the value being cut short there.
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \t\r"))
            guard !text.isEmpty, !text.hasPrefix("#"), let equals = text.firstIndex(of: "=") else { continue }
            let name = text[..<equals].trimmingCharacters(in: .whitespaces)
            var value = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            values[name] = value
        }
        file = values
        return values
    }
}
