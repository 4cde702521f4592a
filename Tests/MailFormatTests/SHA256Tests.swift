import Foundation
import Testing
@testable import MailFormat

@Suite struct SHA256Tests {
    /// FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf").
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func fipsVectors(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    @Test func oneMillionAs() {
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var hasher = SHA256()
        let thousand = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { hasher.update(thousand) }
        #expect(hasher.finalize() == SHA256.digest([UInt8](repeating: 0x61, count: 1_000_000)))
    }

    /// Lengths around the padding boundaries (55/56 bytes leave no room for the length; 64 is a
    /// whole block), checked against Python's hashlib.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
    ])
    func paddingBoundaries(length: Int, digest: String) {
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: length)) == digest)
    }

    /// Bytes 0…199 split in two at every offset, and in three at every pair of offsets 7 apart.
    @Test func incrementalUpdatesAtEveryOffset() {
        let input = (0..<200).map { UInt8($0) }
        let expected = "1901da1c9f699b48f6b2636e65cbf73abf99d0441ef67f5c540a42f7051dec6f"
        #expect(SHA256.hex(input) == expected)
        let whole = SHA256.digest(input)
        for split in 0...input.count {
            var hasher = SHA256()
            hasher.update(input[..<split])
            hasher.update(input[split...])
            #expect(hasher.finalize() == whole, "split at \(split)")
        }
        for first in 0...(input.count - 7) {
            var hasher = SHA256()
            hasher.update(input[..<first])
            hasher.update(input[first..<(first + 7)])
            hasher.update(input[(first + 7)...])
            #expect(hasher.finalize() == whole, "splits at \(first), \(first + 7)")
        }
        var byteByByte = SHA256()
        for byte in input { byteByByte.update([byte]) }
        #expect(byteByByte.finalize() == whole)
    }

    @Test func finalizeDoesNotEndTheHasher() {
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        let early = hasher.finalize()
        #expect(early == SHA256.digest(Array("ab".utf8)))
        hasher.update(Array("c".utf8))
        #expect(hasher.finalize() == SHA256.digest(Array("abc".utf8)))
        #expect(early.count == 32)
    }

    @Test func nonContiguousInput() {
        let bytes = Array("abc".utf8)
        #expect(SHA256.hex(bytes.lazy.map { $0 }) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// A sanity bound, not a benchmark: 16 MiB well inside a few seconds even in debug builds.
    @Test func hashesMegabytesQuickly() {
        let data = [UInt8](repeating: 0x5A, count: 16 << 20)
        let start = Date()
        let digest = SHA256.digest(data)
        #expect(digest.count == 32)
        #expect(Date().timeIntervalSince(start) < 20)
    }
}
