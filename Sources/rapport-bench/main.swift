import Foundation

FileHandle.standardError.write(Data("usage: rapport-bench store\n".utf8))
exit(2)
