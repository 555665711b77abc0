/// One case of the merge matrix: what each side changes from the base (a file's whole text;
/// nil: removed), and what both merges must give.
struct MergeCase {
    var name: String
    var ours: [String: String?]
    var theirs: [String: String?]
    /// The conflicts both name (BLOCK.FIELD, main.FIELD, BLOCK, a file's path); empty: clean.
    var conflicts: [String] = []
    /// Lines the clean merge's tree must hold, by path (nil: the file must be gone).
    var holds: [String: String?] = [:]
    /// What both say of a clean merge that `validate` rejects.
    var warns: String?
    /// Theirs is a flow created on its own, with no save in common.
    var unrelated = false

    static let base: [String: String?] = [
        "flow.yaml": "schema: 1\nname: Support\nextension: \"101\"\nseat: alice\nstart: notify\n",
        "blocks/notify.yaml": notify(),
        "blocks/hello.yaml": "type: tts\ntext: Hello\nvoice: female\nnext: bye\n",
        "blocks/bye.yaml": "type: tts\ntext: Bye\nvoice: female\n",
        "NOTES.md": notes(),
    ]

    static func notify(url: String = "https://a.example.com/calls", method: String = "POST", next: String = "hello")
        -> String
    {
        "type: webhook\nurl: \(url)\nmethod: \(method)\nformat: form\nretries: 1\nnext: \(next)\n"
    }

    static func notes(_ third: String = "three", first: String = "one") -> String {
        "\(first)\ntwo\n\(third)\nfour\nfive\n"
    }

    static let all: [MergeCase] = [
        MergeCase(
            name: "different-blocks", ours: ["blocks/notify.yaml": notify(url: "https://ours.example/")],
            theirs: ["blocks/hello.yaml": "type: tts\ntext: Bonjour\nvoice: female\nnext: bye\n"],
            holds: ["blocks/notify.yaml": "url: https://ours.example/", "blocks/hello.yaml": "text: Bonjour"]),
        MergeCase(
            name: "different-fields", ours: ["blocks/notify.yaml": notify(url: "https://ours.example/")],
            theirs: ["blocks/notify.yaml": notify(method: "GET")],
            holds: ["blocks/notify.yaml": "url: https://ours.example/\nmethod: GET"]),
        MergeCase(
            name: "same-field", ours: ["blocks/notify.yaml": notify(url: "https://ours.example/")],
            theirs: ["blocks/notify.yaml": notify(url: "https://theirs.example/")], conflicts: ["notify.url"]),
        MergeCase(
            name: "rename-vs-edit",
            ours: [
                "blocks/hello.yaml": nil, "blocks/greeting.yaml": "type: tts\ntext: Hello\nvoice: female\nnext: bye\n",
                "blocks/notify.yaml": notify(next: "greeting"),
            ],
            theirs: ["blocks/hello.yaml": "type: tts\ntext: Bonjour\nvoice: female\nnext: bye\n"],
            holds: [
                "blocks/greeting.yaml": "text: Bonjour", "blocks/hello.yaml": nil,
                "blocks/notify.yaml": "next: greeting",
            ]),
        MergeCase(
            name: "edit-vs-rename", ours: ["blocks/hello.yaml": "type: tts\ntext: Bonjour\nvoice: female\nnext: bye\n"],
            theirs: [
                "blocks/hello.yaml": nil, "blocks/greeting.yaml": "type: tts\ntext: Hello\nvoice: female\nnext: bye\n",
                "blocks/notify.yaml": notify(next: "greeting"),
            ],
            holds: ["blocks/greeting.yaml": "text: Bonjour", "blocks/hello.yaml": nil]),
        // The removing side leaves its exit to the old id; both merges keep the renaming side's.
        MergeCase(
            name: "rename-vs-remove",
            ours: [
                "blocks/hello.yaml": nil, "blocks/greeting.yaml": "type: tts\ntext: Hello\nvoice: female\nnext: bye\n",
                "blocks/notify.yaml": notify(next: "greeting"),
            ],
            theirs: ["blocks/hello.yaml": nil], conflicts: ["greeting"]),
        MergeCase(
            name: "remove-vs-rename", ours: ["blocks/hello.yaml": nil],
            theirs: [
                "blocks/hello.yaml": nil, "blocks/greeting.yaml": "type: tts\ntext: Hello\nvoice: female\nnext: bye\n",
                "blocks/notify.yaml": notify(next: "greeting"),
            ], conflicts: ["greeting"]),
        MergeCase(
            name: "remove-vs-edit",
            ours: ["blocks/bye.yaml": nil, "blocks/hello.yaml": "type: tts\ntext: Hello\nvoice: female\n"],
            theirs: ["blocks/bye.yaml": "type: tts\ntext: Goodbye\nvoice: female\n"], conflicts: ["bye"]),
        MergeCase(
            name: "dangling-exit",
            ours: ["blocks/bye.yaml": nil, "blocks/hello.yaml": "type: tts\ntext: Hello\nvoice: female\n"],
            theirs: ["blocks/extra.yaml": "type: tts\ntext: Extra\nvoice: female\nnext: bye\n"],
            holds: ["blocks/extra.yaml": "next: bye", "blocks/bye.yaml": nil],
            warns: "block extra: next: leads to block 'bye', which the merge removed"),
        // An exit theirs made to a block ours renamed: git takes theirs' new file as it is
        // (changed on one side only), so the exit stays at the old id, and both say so.
        MergeCase(
            name: "rename-vs-new-exit",
            ours: [
                "blocks/hello.yaml": nil, "blocks/greeting.yaml": "type: tts\ntext: Hello\nvoice: female\nnext: bye\n",
                "blocks/notify.yaml": notify(next: "greeting"),
            ],
            theirs: ["blocks/extra.yaml": "type: tts\ntext: Extra\nvoice: female\nnext: hello\n"],
            holds: [
                "blocks/extra.yaml": "next: hello", "blocks/notify.yaml": "next: greeting", "blocks/hello.yaml": nil,
            ],
            warns: "block extra: next: leads to block 'hello', which the merge removed"),
        MergeCase(
            name: "dangling-exit-and-conflict",
            ours: [
                "blocks/bye.yaml": nil, "blocks/hello.yaml": "type: tts\ntext: Hello\nvoice: female\n",
                "blocks/notify.yaml": notify(url: "https://ours.example/"),
            ],
            theirs: [
                "blocks/extra.yaml": "type: tts\ntext: Extra\nvoice: female\nnext: bye\n",
                "blocks/notify.yaml": notify(url: "https://theirs.example/"),
            ], conflicts: ["notify.url"], warns: "block extra: next: leads to block 'bye', which the merge removed"),
        MergeCase(
            name: "file-added-theirs", ours: ["blocks/notify.yaml": notify(url: "https://ours.example/")],
            theirs: ["docs/NEW.md": "added upstream\n"], holds: ["docs/NEW.md": "added upstream"]),
        MergeCase(
            name: "file-added-ours", ours: ["docs/MINE.md": "added here\n"],
            theirs: ["blocks/notify.yaml": notify(method: "GET")],
            holds: ["docs/MINE.md": "added here", "blocks/notify.yaml": "method: GET"]),
        MergeCase(
            name: "file-changed-both", ours: ["NOTES.md": notes(first: "ONE")], theirs: ["NOTES.md": notes("THREE")],
            holds: ["NOTES.md": "ONE\ntwo\nTHREE"]),
        MergeCase(
            name: "file-changed-theirs", ours: ["blocks/notify.yaml": notify(url: "https://ours.example/")],
            theirs: ["NOTES.md": notes("THREE"), "NOTES-2.md": "more\n"],
            holds: ["NOTES.md": "THREE", "NOTES-2.md": "more"]),
        MergeCase(
            name: "file-conflict", ours: ["NOTES.md": notes("ours")],
            theirs: ["NOTES.md": notes("theirs"), "blocks/notify.yaml": notify(method: "GET")],
            conflicts: ["NOTES.md"]),
        MergeCase(
            name: "file-removed-vs-changed", ours: ["NOTES.md": nil, "blocks/notify.yaml": notify(method: "GET")],
            theirs: ["NOTES.md": notes("theirs")], conflicts: ["NOTES.md"]),
        MergeCase(
            name: "file-and-field-conflict",
            ours: ["NOTES.md": notes("ours"), "blocks/notify.yaml": notify(url: "https://ours.example/")],
            theirs: ["NOTES.md": notes("theirs"), "blocks/notify.yaml": notify(url: "https://theirs.example/")],
            conflicts: ["NOTES.md", "notify.url"]),
        MergeCase(
            name: "unrelated", ours: ["blocks/notify.yaml": notify(method: "GET")],
            theirs: [
                "flow.yaml": "schema: 1\nname: Support\nseat: bob\nstart: hi\n",
                "blocks/hi.yaml": "type: tts\ntext: Hi\nvoice: female\n",
            ], unrelated: true),
    ]
}
