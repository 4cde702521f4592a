import Foundation
import RapportCLI

exit(RapportCommandLine.main(arguments: Array(CommandLine.arguments.dropFirst())))
