import Foundation

/// Prints the usage (after `message`, when there is one) and exits with status 2.
func usageError(_ message: String?) -> Never {
    if let message { FileHandle.standardError.write(Data("rapport-bench: \(message)\n".utf8)) }
    FileHandle.standardError.write(Data(Usage.text.utf8))
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--help" || arguments.first == "-h" {
    print(Usage.text, terminator: "")
    exit(0)
}
guard let command = arguments.first else { usageError(nil) }
let rest = Array(arguments.dropFirst())
do {
    switch command {
    case "store": try StoreBenchmark(options: BenchmarkOptions(arguments: rest)).run()
    case "search": try StoreBenchmark(options: BenchmarkOptions(arguments: rest), searchMixOnly: true).run()
    case "ingest": try IngestBenchmark(arguments: rest).run()
    case "fuzz": try FuzzBenchmark(arguments: rest).run()
    case "sync": try SyncBenchmark(arguments: rest).run()
    case "ui": try UIBenchmark(arguments: rest).run()
    case "mail": try MailBenchmark(arguments: rest).run()
    case "import-contention": try ImportContentionBenchmark(arguments: rest).run()
    case "team": try TeamBenchmark(arguments: rest).run()
    default: usageError("unknown benchmark “\(command)”; they are: store, search, ingest, fuzz, sync, ui, mail, "
                        + "import-contention, team")
    }
} catch let error as OptionError {
    usageError(error.message)
} catch {
    FileHandle.standardError.write(Data("rapport-bench: \(error)\n".utf8))
    exit(1)
}
