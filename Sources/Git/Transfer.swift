import CLibGit2
import Foundation

/// What a fetch or push needs from the world outside the repository: credentials, as git users
/// keep them, and somewhere to show progress. One per transfer; libgit2 calls back into it.
public final class Transfer {
    /// Objects received (fetch) or sent (push) so far, of how many, and the bytes.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var bytes: Int
        public var sending: Bool
        /// A push packing what it sends (git's "Compressing objects"), before sending it: with a
        /// large file, most of the push's time.
        public var packing = false
    }

    public var onProgress: ((Progress) -> Void)?
    /// Text the server sends for the user (`remote:` lines: a hook's reasons, its progress), one
    /// whole line at a time with its end: "\n", or "\r" for progress rewriting its line.
    public var onRemoteMessage: ((String) -> Void)?
    /// The remote's URL, for the port its host keys are filed under.
    var url: String?
    let credentials: Credentials
    /// Why the last credential request failed: one clear sentence, never a retry loop.
    var credentialFailure: String?
    var hostKeyFailure: String?
    /// Whether the connection pushes: a push to a repository on this machine goes through git's
    /// receive-pack (`LocalService`), so that its hooks run; a fetch from one goes through git's
    /// upload-pack when git is installed (libgit2's own local transport when it is not).
    var pushing = false
    /// The server's messages, put back into whole lines for `onRemoteMessage`.
    let remoteLines = RemoteLines()
    /// Ends a connection to a server that stopped sending (see `StallWatch`).
    var stallWatch: StallWatch?
    /// The byte count libgit2 last reported, for the watch's count of what moved since.
    var bytesSeen = 0
    /// Ref -> the server's reason, for refs a push was refused.
    var refusedRefs: [String: String] = [:]
    /// What a push set out to send: each ref on the server and the commit it is to point at
    /// (nil: deleted); and the refs the server took.
    var proposedRefs: [String: ObjectID?] = [:]
    var acceptedRefs: [String] = []

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        credentials = Credentials(environment: environment)
    }

    /// The transfer's libgit2 callbacks, pointing back at `self` (kept alive by the caller for
    /// the call's length).
    func callbacks() -> git_remote_callbacks {
        credentials.startConnection()
        var callbacks = git_remote_callbacks()
        git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        remoteLines.onLine = { [weak self] line in self?.onRemoteMessage?(line) }
        if let url, LocalService.path(ofLocalURL: url) != nil,
            pushing || GitChild.onPath("git", environment: credentials.environment) != nil
        {
            callbacks.transport = LocalService.makeTransport
        }
        callbacks.credentials = { out, url, user, allowed, payload in
            let transfer = Unmanaged<Transfer>.fromOpaque(payload!).takeUnretainedValue()
            transfer.stallWatch?.activity()
            return transfer.credentials.acquire(
                out, url: url.map { String(cString: $0) } ?? "", user: user.map { String(cString: $0) },
                allowed: allowed, failure: &transfer.credentialFailure)
        }
        callbacks.certificate_check = { cert, valid, host, payload in
            let transfer = Unmanaged<Transfer>.fromOpaque(payload!).takeUnretainedValue()
            transfer.stallWatch?.activity()
            return transfer.checkCertificate(cert, valid: valid != 0, host: host.map { String(cString: $0) } ?? "")
        }
        callbacks.sideband_progress = { text, length, payload in
            let transfer = Unmanaged<Transfer>.fromOpaque(payload!).takeUnretainedValue()
            transfer.stallWatch?.activity(Int(length))
            if let text, length > 0 {
                transfer.remoteLines.add(Array(UnsafeRawBufferPointer(start: text, count: Int(length))))
            }
            return 0
        }
        callbacks.transfer_progress = { stats, payload in
            let transfer = Unmanaged<Transfer>.fromOpaque(payload!).takeUnretainedValue()
            if let stats = stats?.pointee {
                transfer.stallWatch?.activity(Int(stats.received_bytes) - transfer.bytesSeen)
                transfer.bytesSeen = Int(stats.received_bytes)
                transfer.onProgress?(
                    Progress(
                        done: Int(stats.received_objects), total: Int(stats.total_objects),
                        bytes: Int(stats.received_bytes), sending: false))
            }
            return 0
        }
        callbacks.pack_progress = { stage, current, total, payload in
            let transfer = Unmanaged<Transfer>.fromOpaque(payload!).takeUnretainedValue()
            transfer.stallWatch?.activity()
            if stage == Int32(GIT_PACKBUILDER_DELTAFICATION.rawValue) {
                transfer.onProgress?(
                    Progress(done: Int(current), total: Int(total), bytes: 0, sending: true, packing: true))
            }
            return 0
        }
        callbacks.push_transfer_progress = { current, total, bytes, payload in
            let transfer = Unmanaged<Transfer>.fromOpaque(payload!).takeUnretainedValue()
            transfer.stallWatch?.activity(bytes - transfer.bytesSeen)
            transfer.bytesSeen = bytes
            transfer.onProgress?(Progress(done: Int(current), total: Int(total), bytes: bytes, sending: true))
            return 0
        }
        callbacks.push_update_reference = { ref, status, payload in
            let transfer = Unmanaged<Transfer>.fromOpaque(payload!).takeUnretainedValue()
            guard let ref else { return 0 }
            if let status {
                transfer.refusedRefs[String(cString: ref)] = String(cString: status)
            } else {
                transfer.acceptedRefs.append(String(cString: ref))
            }
            return 0
        }
        callbacks.push_negotiation = { updates, count, payload in
            let transfer = Unmanaged<Transfer>.fromOpaque(payload!).takeUnretainedValue()
            for index in 0..<count {
                guard let update = updates?[index]?.pointee, let name = update.dst_refname else { continue }
                var target = update.dst
                transfer.proposedRefs[String(cString: name)] = git_oid_is_zero(&target) == 1 ? nil : ObjectID(target)
            }
            return 0
        }
        return callbacks
    }

    /// https: libgit2's own check of the certificate chain stands. ssh: the host key must be
    /// one `~/.ssh/known_hosts` has for the host, as OpenSSH's StrictHostKeyChecking wants.
    private func checkCertificate(_ cert: UnsafeMutablePointer<git_cert>?, valid: Bool, host: String) -> Int32 {
        guard let cert, cert.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2 else {
            return valid ? 0 : GIT_PASSTHROUGH.rawValue
        }
        let hostkey = UnsafeRawPointer(cert).assumingMemoryBound(to: git_cert_hostkey.self).pointee
        guard hostkey.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = hostkey.hostkey else {
            hostKeyFailure = "ssh: the server's host key could not be read to check it against known_hosts"
            return GIT_ECERTIFICATE.rawValue
        }
        let key = Data(bytes: raw, count: hostkey.hostkey_len)
        switch KnownHosts(environment: credentials.environment).check(host: host, port: sshPort, key: key) {
        case .known: return 0
        case .unknown(let file):
            hostKeyFailure =
                "ssh: \(host) is not a known host: its key is not in \(file); connect once with ssh "
                + "to check and accept it"
        case .changed(let file):
            hostKeyFailure =
                "ssh: the host key of \(host) is not the one \(file) has for it: someone may be in the "
                + "middle, or the key was changed; check with the server's owner"
        }
        return GIT_ECERTIFICATE.rawValue
    }

    /// The port of an `ssh://host:port/` URL; 22 for any other ssh URL.
    private var sshPort: Int {
        guard let url, url.hasPrefix("ssh://"), let port = URL(string: url)?.port else { return 22 }
        return port
    }

    /// A transfer's error, with the reason the callbacks found when libgit2's own is vaguer.
    func failure(_ error: GitError) -> Error {
        if let watch = stallWatch, watch.stalled {
            return TransferError.stalled(
                "\(url ?? "the server") sent less than \(watch.limit) byte\(watch.limit == 1 ? "" : "s") a second "
                    + "for \(watch.seconds) seconds: the server is stalled, so flowctl gave up; "
                    + "try again later, or give it longer with 'git config http.lowSpeedTime SECONDS'")
        }
        if let hostKeyFailure { return TransferError.hostKey(hostKeyFailure) }
        if let credentialFailure { return TransferError.credentials(credentialFailure) }
        if error.rawCode == GIT_EAUTH.rawValue || error.message.contains("401")
            || error.message.contains("authentication")
        {
            return TransferError.credentials("the server refused the credentials: \(error.message)")
        }
        return error
    }

    /// A remote on this machine must exist: libgit2 would call a missing path an "unsupported
    /// URL protocol".
    func checkLocalPath() throws {
        guard let url, let path = LocalService.path(ofLocalURL: url), !FileManager.default.fileExists(atPath: path)
        else { return }
        throw TransferError.noRepository(
            "repository '\(url)' does not exist: a path or file:// URL names a git repository on this machine")
    }

    /// After a transfer: the credentials that worked are kept by git's helpers, as git does.
    func succeeded() { credentials.approve() }
}

/// Why a fetch or push failed, when it is not the repository's fault.
public enum TransferError: Error, CustomStringConvertible {
    case credentials(String)
    case hostKey(String)
    case noRepository(String)
    case stalled(String)

    public var description: String {
        switch self {
        case .credentials(let reason), .hostKey(let reason), .noRepository(let reason), .stalled(let reason): reason
        }
    }
}
