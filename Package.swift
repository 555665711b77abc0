// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "flowctl",
    products: [
        .executable(name: "flowctl", targets: ["flowctl"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Layer 1: Debian's libgit2-dev (1.5), seen through a one-line shim header. Its
        // declarations only: flowctl does not link libgit2 (no pkgConfig, which would add
        // -lgit2). CGitLoader defines the functions the Git layer calls and loads libgit2 on
        // the first one, so that commands without a repository do not pay for loading it and
        // the libraries behind it (scripts/generate-git-calls writes them from the headers).
        // git_libgit2_opts is variadic: CGitLoader also calls it for Swift.
        .systemLibrary(name: "CLibGit2"),
        // The executable exports mbedtls_x509_crt_parse_file for libgit2 to call: see certificates.c.
        .target(
            name: "CGitLoader", dependencies: ["CLibGit2"],
            linkerSettings: [
                .linkedLibrary("dl"),
                .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=mbedtls_x509_crt_parse_file"]),
            ]
        ),
        // Layer 2: the Swift face of libgit2. The only target that imports CLibGit2.
        .target(name: "Git", dependencies: ["CLibGit2", "CGitLoader"]),
        // Layer 3: call flows as pure values, their catalog, codec and diff. No git, no files.
        .target(name: "CallFlow", dependencies: ["Yams"]),
        // Layer 3b: flows as the engine's (Kazoo's) documents and back. Pure values, no files.
        .target(name: "Kazoo", dependencies: ["CallFlow"]),
        // Layer 4: flows on branches. The one place that knows the repository layout.
        .target(name: "FlowRepository", dependencies: ["Git", "CallFlow"]),
        // Layer 5: sends webhook blocks' requests, with their retries, through libcurl, which a
        // small C target loads only when a request is sent.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "WebhookDelivery", dependencies: ["CallFlow", "CCurl"]),
        // Layer 6: the commands. No libgit2 and no YAML here.
        .executableTarget(
            name: "flowctl",
            dependencies: [
                "FlowRepository",
                "CallFlow",
                "WebhookDelivery",
                "Kazoo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildVersion"]
        ),
        // `flowctl --version` as git describe names the build (scripts/build-version).
        .plugin(name: "BuildVersion", capability: .buildTool()),
        .testTarget(name: "GitTests", dependencies: ["Git", "TestSupport"]),
        .testTarget(name: "CallFlowTests", dependencies: ["CallFlow", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "KazooTests", dependencies: ["Kazoo", "CallFlow", "TestSupport"]),
        .testTarget(name: "WebhookDeliveryTests", dependencies: ["WebhookDelivery", "CallFlow", "TestSupport"]),
        .testTarget(name: "FlowRepositoryTests", dependencies: ["FlowRepository", "Git", "CallFlow", "TestSupport"]),
        .testTarget(
            name: "flowctlTests",
            dependencies: [
                "flowctl", "FlowRepository", "CallFlow", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
    ]
)
