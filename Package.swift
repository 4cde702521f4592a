// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Rapport",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rapport", targets: ["rapport"]),
        .executable(name: "rapport-bench", targets: ["rapport-bench"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "MailFormat"),
        .target(name: "DeterministicRandom"),
        .target(name: "MailFuzzing", dependencies: ["DeterministicRandom"]),
        .target(name: "LoopbackHTTP"),
        .target(name: "GmailAPI", dependencies: ["LoopbackHTTP", "MailFormat"]),
        .target(name: "GmailSimulator", dependencies: ["LoopbackHTTP", "MailFormat", "DeterministicRandom"]),
        .target(name: "MailSync", dependencies: ["CRMStore", "GmailAPI", "CRMCore", "MailFormat"]),
        .target(name: "CRMCore", dependencies: ["MailFormat"]),
        .target(name: "CRMStore", dependencies: ["CSQLite", "CRMCore"]),
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "TerminalUI"),
        .target(name: "RapportThemes", path: "themes",
                resources: [.copy("default.theme"), .copy("light.theme"), .copy("monochrome.theme")]),
        .target(name: "NcursesTerminal", dependencies: ["CNcurses", "TerminalUI"]),
        .target(name: "RapportApp", dependencies: ["TerminalUI", "CRMStore", "CRMCore"]),
        .target(name: "MailImport", dependencies: ["CRMCore", "CRMStore", "MailFormat"]),
        .target(name: "RapportTerminal", dependencies: ["CRMCore", "CRMStore", "MailSync", "NcursesTerminal", "RapportApp",
                                                       "RapportThemes", "TerminalUI"]),
        .target(name: "RapportDemo", dependencies: ["CRMCore", "CRMStore", "DeterministicRandom", "GmailAPI", "GmailSimulator",
                                                   "MailFormat", "MailSync", "RapportTerminal"]),
        .target(name: "RapportCLI", dependencies: ["RapportTerminal", "RapportDemo", "MailImport", "MailSync", "GmailAPI",
                                                  "CRMStore", "CRMCore", "MailFormat", "TerminalUI"]),
        .executableTarget(name: "rapport", dependencies: ["RapportCLI"]),
        .executableTarget(name: "rapport-bench", dependencies: ["CRMCore", "CRMStore", "MailFormat", "MailFuzzing", "MailSync",
                                                               "GmailAPI", "GmailSimulator", "RapportApp", "TerminalUI",
                                                               "DeterministicRandom"]),
        .testTarget(name: "MailFormatTests", dependencies: ["MailFormat", "MailFuzzing", "DeterministicRandom"]),
        .testTarget(name: "DeterministicRandomTests", dependencies: ["DeterministicRandom"]),
        .testTarget(name: "CRMCoreTests", dependencies: ["CRMCore", "DeterministicRandom"]),
        .testTarget(name: "LoopbackHTTPTests", dependencies: ["LoopbackHTTP"]),
        .testTarget(name: "MailSyncTests", dependencies: ["MailSync", "CRMStore", "CRMCore", "GmailAPI", "GmailSimulator",
                                                          "MailFormat"]),
        .testTarget(name: "GmailAPITests", dependencies: ["GmailAPI", "GmailSimulator", "LoopbackHTTP", "MailFormat"]),
        .testTarget(name: "GmailSimulatorTests", dependencies: ["GmailSimulator", "MailFormat"]),
        .testTarget(name: "CRMStoreTests", dependencies: ["CRMStore", "CRMCore", "MailFormat", "DeterministicRandom"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "NcursesTerminalTests", dependencies: ["NcursesTerminal", "TerminalUI", "RapportApp", "CRMStore", "CRMCore"]),
        .testTarget(name: "RapportAppTests", dependencies: ["RapportApp", "TerminalUI", "CRMStore", "CRMCore"]),
        .testTarget(name: "MailImportTests", dependencies: ["MailImport"]),
        .testTarget(name: "CLITests", dependencies: ["CRMCore", "CRMStore", "MailFormat", "GmailSimulator",
                                                     "DeterministicRandom"]),
    ],
    swiftLanguageModes: [.v6]
)
