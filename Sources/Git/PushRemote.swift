import CLibGit2

/// What a push needs of remote NAME's configuration, read in one pass: its URL and push URL
/// with git's `insteadOf` and `pushInsteadOf` rules applied, and its fetch refspec (for the
/// tracking refs). libgit2's git_remote_lookup matches those rules with PCRE2 against every
/// configuration entry, three times, leaking 4 KiB a look at each entry that does not match:
/// with an upstream per flow, a tenth of a push of 1% of 3,000 flows.
struct PushRemoteSetting {
    let url: String
    let pushURL: String?
    let fetchRefspec: String?

    /// nil when the remote is one git_remote_lookup must read: no url, or several url or fetch
    /// values (the transfer refuses several urls; several refspecs are libgit2's to keep).
    init?(remote: String, entries: [(name: String, value: String)]) {
        let own = "remote.\(remote)."
        let values = { (key: String) in entries.filter { $0.name == own + key }.map(\.value) }
        let urls = values("url")
        let fetches = values("fetch")
        guard urls.count == 1, let url = urls.first, !url.isEmpty, fetches.count <= 1 else { return nil }
        let rules = entries.filter { $0.name.hasPrefix("url.") }
        self.url = Self.rewrite(url, by: "insteadof", rules: rules) ?? url
        // An explicit push URL follows insteadOf only; the URL's own push form, pushInsteadOf.
        pushURL =
            values("pushurl").last.map { Self.rewrite($0, by: "insteadof", rules: rules) ?? $0 }
            ?? Self.rewrite(url, by: "pushinsteadof", rules: rules)
        fetchRefspec = fetches.first
    }

    /// The pattern of the entries `init` reads (and the transfer's check of the urls).
    static func pattern(remote: String) -> String {
        let escaped = remote.map { "\\^$.|?*+()[]{}".contains($0) ? "\\\($0)" : String($0) }.joined()
        return "^(remote\\.\(escaped)\\.(url|pushurl|fetch)|url\\..*\\.(push)?insteadof)$"
    }

    /// `url` with the longest prefix that a `url.BASE.KEY` rule names replaced by BASE, as git
    /// and libgit2 do (the first of equally long ones); nil when no rule matches.
    static func rewrite(_ url: String, by key: String, rules: [(name: String, value: String)]) -> String? {
        var best: (length: Int, base: Substring)?
        for rule in rules where rule.name.hasSuffix("." + key) {
            let length = rule.value.utf8.count
            guard length > (best?.length ?? 0), url.utf8.starts(with: rule.value.utf8) else { continue }
            best = (length, rule.name.dropFirst("url.".count).dropLast(key.count + 1))
        }
        return best.map { $0.base + String(decoding: url.utf8.dropFirst($0.length), as: UTF8.self) }
    }
}

extension Repository {
    /// Remote `name` for a push, made from `PushRemoteSetting` rather than looked up (see there);
    /// nil when the setting is one only git_remote_lookup reads. The caller frees it.
    /// `entries`: those `PushRemoteSetting.pattern` matches.
    func pushRemote(_ name: String, entries: [(name: String, value: String)]) throws -> OpaquePointer? {
        guard let setting = PushRemoteSetting(remote: name, entries: entries) else { return nil }
        var options = git_remote_create_options()
        try GitError.check(
            git_remote_create_options_init(&options, UInt32(GIT_REMOTE_CREATE_OPTIONS_VERSION)),
            "git_remote_create_options_init")
        options.repository = pointer
        options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF.rawValue | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC.rawValue
        var remote: OpaquePointer?
        let made = withOptionalCString(setting.fetchRefspec) { fetch in
            options.fetchspec = fetch
            return git_remote_create_with_opts(&remote, setting.url, &options)
        }
        try GitError.check(made, "git_remote_create_with_opts")
        if let pushURL = setting.pushURL, git_remote_set_instance_pushurl(remote, pushURL) != 0 {
            git_remote_free(remote)
            try GitError.check(-1, "git_remote_set_instance_pushurl")
        }
        return remote
    }
}

private func withOptionalCString<T>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> T) -> T {
    guard let text else { return body(nil) }
    return text.withCString { body($0) }
}
