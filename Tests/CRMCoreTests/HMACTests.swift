import CRMCore
import Testing

/// HMAC-SHA256 against RFC 4231's test vectors, and the comparison that leaks no timing.
@Suite struct HMACTests {
    private static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// RFC 4231 §4.2–4.8: key, data, HMAC-SHA-256 (test case 5 keeps only the first 128 bits).
    static let vectors: [(key: [UInt8], data: [UInt8], mac: String)] = [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0x0c, count: 20), Array("Test With Truncation".utf8),
         "a3b6167473100ee06e0c796c2955552b"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xaa, count: 131), Array(("This is a test using a larger than block-size key and a larger "
            + "than block-size data. The key needs to be hashed before being used by the HMAC algorithm.").utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: 0..<vectors.count)
    func rfc4231(number: Int) {
        let vector = Self.vectors[number]
        let mac = Self.hex(HMAC.sha256(key: vector.key, message: vector.data))
        #expect(mac.hasPrefix(vector.mac), "test case \(number + 1)")
        #expect(mac.count == 64)
    }

    @Test func shortKeysArePaddedToOneBlockAndLongerOnesHashed() {
        let key = Array("short".utf8)
        let padded = key + [UInt8](repeating: 0, count: 64 - key.count)
        // Padding with zeros to the 64-byte block is what HMAC does to a short key anyway…
        #expect(HMAC.sha256(key: key, message: [1]) == HMAC.sha256(key: padded, message: [1]))
        // …but one byte more and the key is hashed instead, which gives another MAC.
        #expect(HMAC.sha256(key: padded + [0], message: [1]) != HMAC.sha256(key: key, message: [1]))
    }

    @Test func equalityLooksAtEveryByte() {
        let mac = HMAC.sha256(key: [1, 2, 3], message: [4])
        #expect(HMAC.constantTimeEqual(mac, mac))
        for index in mac.indices {
            var changed = mac
            changed[index] ^= 0x01
            #expect(!HMAC.constantTimeEqual(mac, changed), "byte \(index)")
        }
        #expect(!HMAC.constantTimeEqual(mac, Array(mac.dropLast())))
        #expect(!HMAC.constantTimeEqual([], mac))
        #expect(HMAC.constantTimeEqual([], []))
    }
}
