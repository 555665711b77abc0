import CLibGit2
import Foundation
import Glibc

/// A push to, or a fetch from, a repository on this machine (a path or a `file://` URL) through
/// git's own `receive-pack` or `upload-pack`, as `git push` and `git fetch` make them. A push:
/// libgit2's local transport writes into the other repository itself and runs none of its hooks,
/// so a server gate (`flowctl hook pre-receive`) would never see the push. A fetch: libgit2's
/// local transport packs every object anew (inflating and deflating each) and looks every ref up
/// several times; a clone of 10,000 flows spent seconds there, where upload-pack sends the
/// packed data as it is. Here libgit2's smart protocol talks to `git receive-pack PATH` or `git
/// upload-pack PATH` over a socket, as it talks to the one sshd starts: the hooks, their
/// quarantine and their `remote:` lines are git's.
final class LocalService {
    /// The folder a remote URL names when it is a repository on this machine: a `file://` URL,
    /// or a path (no scheme, and no `host:` before the first slash, which is ssh's scp-like
    /// form).
    static func path(ofLocalURL url: String) -> String? {
        if url.lowercased().hasPrefix("file://") {
            return URL(string: url)?.path ?? String(url.dropFirst("file://".count))
        }
        guard !url.contains("://") else { return nil }
        // Even when a folder of that name is here, as git's url_is_local_not_ssh has it (only
        // git clone looks at the disk first, and flowctl clone records such a path absolute).
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
        return url
    }

    /// `url` as git reads it from the folder `top`: a relative path to a repository on this
    /// machine (see `path(ofLocalURL:)`) made absolute, anything else as it is.
    static func resolving(_ url: String, from top: String) -> String {
        guard !url.isEmpty, !url.hasPrefix("/"), path(ofLocalURL: url) == url else { return url }
        return (top.hasSuffix("/") ? top : top + "/") + url
    }

    let environment: [String: String]
    /// Where the `remote:` text the server sends after its report (a post-receive hook's) goes.
    let onSideband: ([UInt8]) -> Void
    private var process: (child: GitChild, socket: Int32)?
    private var stream: UnsafeMutablePointer<git_smart_subtransport_stream>?
    /// What libgit2 wrote and the service has not been sent yet. libgit2 writes a pack in
    /// pieces of a few dozen bytes (each object's header, then its data): sent as they come,
    /// a push of 3,000 new flows made 44,000 system calls. Sent when 64 KiB are waiting and
    /// before any read, as the protocol answers only what it was sent.
    private var unsent: [UInt8] = []
    private static let sendSize = 65536

    init(environment: [String: String], onSideband: @escaping ([UInt8]) -> Void) {
        // What git clears before it starts a local receive-pack (local_repo_env): the pusher's
        // repository must not leak into the remote's.
        self.environment = environment.filter { !Self.localRepositoryVariables.contains($0.key) }
        self.onSideband = onSideband
    }

    static let localRepositoryVariables: Set<String> = [
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
        "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE",
        "GIT_INDEX_FILE", "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX", "GIT_SHALLOW_FILE",
        "GIT_COMMON_DIR",
    ]

    /// libgit2's transport for one connection: its smart protocol over this subtransport.
    /// `payload` is the connection's `Transfer`.
    static let makeTransport: git_transport_cb = { out, owner, payload in
        var definition = git_smart_subtransport_definition(
            callback: { out, _, param in
                let transfer = Unmanaged<Transfer>.fromOpaque(param!).takeUnretainedValue()
                let service = LocalService(environment: transfer.credentials.environment) {
                    transfer.remoteLines.add($0)
                }
                out?.pointee = service.subtransport()
                return 0
            }, rpc: 0, param: payload)
        return git_transport_smart(out, owner, &definition)
    }

    /// A `git_smart_subtransport` followed by the retained service it stands for.
    private func subtransport() -> UnsafeMutablePointer<git_smart_subtransport> {
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: MemoryLayout<git_smart_subtransport>.stride + MemoryLayout<UnsafeRawPointer>.stride,
            alignment: MemoryLayout<UnsafeRawPointer>.alignment)
        let pointer = raw.bindMemory(to: git_smart_subtransport.self, capacity: 1)
        pointer.initialize(
            to: git_smart_subtransport(
                action: { out, subtransport, url, action in
                    let service = LocalService.of(subtransport!)
                    return service.action(out!, subtransport: subtransport!, url: String(cString: url!), action)
                },
                close: { _ in 0 },
                free: { subtransport in
                    guard let subtransport else { return }
                    Unmanaged<LocalService>.fromOpaque(LocalService.slot(subtransport).pointee).release()
                    UnsafeMutableRawPointer(subtransport).deallocate()
                }))
        LocalService.slot(pointer).pointee = UnsafeRawPointer(Unmanaged.passRetained(self).toOpaque())
        return pointer
    }

    private static func slot(_ subtransport: UnsafeMutablePointer<git_smart_subtransport>)
        -> UnsafeMutablePointer<UnsafeRawPointer>
    {
        (UnsafeMutableRawPointer(subtransport) + MemoryLayout<git_smart_subtransport>.stride)
            .assumingMemoryBound(to: UnsafeRawPointer.self)
    }

    private static func of(_ subtransport: UnsafeMutablePointer<git_smart_subtransport>) -> LocalService {
        Unmanaged<LocalService>.fromOpaque(slot(subtransport).pointee).takeUnretainedValue()
    }

    /// The listing step starts the service; the step after it goes on on the same stream.
    private func action(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_smart_subtransport_stream>?>,
        subtransport: UnsafeMutablePointer<git_smart_subtransport>, url: String, _ action: git_smart_service_t
    ) -> Int32 {
        let program: String
        switch action {
        case GIT_SERVICE_UPLOADPACK, GIT_SERVICE_RECEIVEPACK:
            if let stream {
                out.pointee = stream
                return 0
            }
            program = action == GIT_SERVICE_UPLOADPACK ? "upload-pack" : "receive-pack"
        case GIT_SERVICE_UPLOADPACK_LS: program = "upload-pack"
        default: program = "receive-pack"
        }
        guard let path = Self.path(ofLocalURL: url) else {
            git_error_set_str(Int32(GIT_ERROR_NET.rawValue), "\(url) is not a repository on this machine")
            return -1
        }
        do {
            process = try start(program, path: path)
        } catch {
            git_error_set_str(Int32(GIT_ERROR_OS.rawValue), "\(error)")
            return -1
        }
        let stream = UnsafeMutablePointer<git_smart_subtransport_stream>.allocate(capacity: 1)
        stream.initialize(
            to: git_smart_subtransport_stream(
                subtransport: subtransport,
                read: { stream, buffer, size, read in
                    LocalService.of(stream!.pointee.subtransport).read(buffer!, size: size, into: read!)
                },
                write: { stream, buffer, length in
                    LocalService.of(stream!.pointee.subtransport).write(buffer!, length: length)
                },
                free: { stream in
                    guard let stream else { return }
                    LocalService.of(stream.pointee.subtransport).finish()
                    stream.deallocate()
                }))
        self.stream = stream
        out.pointee = stream
        return 0
    }

    private func read(_ buffer: UnsafeMutablePointer<CChar>, size: Int, into read: UnsafeMutablePointer<Int>) -> Int32 {
        read.pointee = 0
        guard let process, sendUnsent() == 0 else { return -1 }
        var count: Int
        repeat { count = recv(process.socket, buffer, size, 0) } while count < 0 && errno == EINTR
        guard count > 0 else {
            // The service ended before the protocol did: what it said on its stderr is why.
            // git's own "fatal: " would follow flowctl's "error: ".
            let said = process.child.errorText.split(separator: "\n")
                .map { $0.hasPrefix("fatal: ") ? $0.dropFirst("fatal: ".count) : $0 }.joined(separator: "\n")
            let reason = !said.isEmpty ? said : "git \(process.child.program) ended the connection early"
            git_error_set_str(Int32(GIT_ERROR_NET.rawValue), reason)
            return GIT_EEOF.rawValue
        }
        read.pointee = count
        return 0
    }

    private func write(_ buffer: UnsafePointer<CChar>, length: Int) -> Int32 {
        guard process != nil else { return -1 }
        buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            unsent.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return unsent.count >= Self.sendSize ? sendUnsent() : 0
    }

    /// Sends what is waiting in `unsent`.
    private func sendUnsent() -> Int32 {
        guard let process else { return -1 }
        defer { unsent.removeAll(keepingCapacity: true) }
        var sent = 0
        while sent < unsent.count {
            let count = unsent.withUnsafeBytes {
                send(process.socket, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                git_error_set_str(
                    Int32(GIT_ERROR_NET.rawValue),
                    "git \(process.child.program) stopped reading: \(String(cString: strerror(errno)))")
                return -1
            }
            sent += count
        }
        return 0
    }

    /// Ends the service as `git push` does: no more input, then what it still says (a
    /// post-receive hook's lines) shown, then its exit.
    private func finish() {
        guard let process else { return }
        _ = sendUnsent()
        self.process = nil
        stream = nil
        shutdown(process.socket, Int32(SHUT_WR))
        var rest = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(process.socket, &buffer, buffer.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            rest += buffer[..<count]
        }
        close(process.socket)
        for text in SidebandPackets.messages(in: rest) { onSideband(text) }
        _ = process.child.finish()
    }

    /// `git PROGRAM PATH` on one end of a socket pair.
    private func start(_ program: String, path: String) throws -> (child: GitChild, socket: Int32) {
        var sockets: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &sockets) == 0 else {
            throw LocalServiceError(description: "socketpair: \(String(cString: strerror(errno)))")
        }
        defer { close(sockets[1]) }
        do {
            let child = try GitChild.start(
                [program, path], program: program, environment: environment, input: sockets[1], output: sockets[1],
                closing: [sockets[0]])
            return (child, sockets[0])
        } catch {
            close(sockets[0])
            throw error
        }
    }
}

/// The text of the side-band packets (band 2, the server's messages) in a stream of pkt-lines;
/// the rest (band 1 data, flushes) is not for the user.
enum SidebandPackets {
    static func messages(in bytes: [UInt8]) -> [[UInt8]] {
        var found: [[UInt8]] = []
        var index = 0
        while index + 4 <= bytes.count,
            let length = Int(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        {
            guard length >= 4 else {
                index += 4
                continue
            }
            guard index + length <= bytes.count else { break }
            if length > 5, bytes[index + 4] == 2 {
                found.append(Array(bytes[(index + 5)..<(index + length)]))
            }
            index += length
        }
        return found
    }
}
