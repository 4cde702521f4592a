import Foundation

/// Prints the usage (after `message`, when there is one) and exits with status 2.
func usageError(_ message: String?) -> Never {
    if let message { FileHandle.standardError.write(Data("rapport-bench: \(message)\n".utf8)) }
    FileHandle.standardError.write(Data(BenchmarkOptions.usage.utf8))
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--help" || arguments.first == "-h" {
    print(BenchmarkOptions.usage, terminator: "")
    exit(0)
}
guard let command = arguments.first else { usageError(nil) }
guard command == "store" else { usageError("unknown benchmark “\(command)”; the one there is: store") }
let options: BenchmarkOptions
do {
    options = try BenchmarkOptions(arguments: Array(arguments.dropFirst()))
} catch {
    usageError(error.message)
}
do {
    try StoreBenchmark(options: options).run()
} catch {
    FileHandle.standardError.write(Data("rapport-bench: \(error)\n".utf8))
    exit(1)
}
