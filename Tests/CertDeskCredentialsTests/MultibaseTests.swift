import CertDeskCredentials
import Crypto
import Foundation
import Testing

struct MultibaseTests {
    @Test(arguments: [
        ("", "z"), ("00", "z1"), ("0000", "z11"), ("000001", "z112"), ("61", "z2g"), ("626262", "za3gV"),
        ("636363", "zaPEr"), ("516b6fcd0f", "zABnLTmg"),
        ("00eb15231dfceb60925886b67d065299925915aeb172c06647", "z1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"),
    ])
    func encodesKnownBase58(hex: String, expected: String) throws {
        // Given bytes with a known base58btc form (Bitcoin base58 test vectors)
        let bytes = try #require(Data(hex: hex))
        // When encoded and decoded
        let encoded = Multibase.encodeBase58BTC(bytes)
        // Then both directions agree with the vector
        #expect(encoded == expected)
        #expect(Multibase.decodeBase58BTC(expected) == bytes)
    }

    @Test func roundTripsRandomBytes() {
        // Given many byte strings, some with leading zeros
        var generator = SystemRandomNumberGenerator()
        for length in 0..<80 {
            var bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            if length % 3 == 0, !bytes.isEmpty { bytes[0] = 0 }
            // When encoded and decoded
            // Then they come back unchanged
            #expect(Multibase.decodeBase58BTC(Multibase.encodeBase58BTC(bytes)) == bytes)
        }
    }

    @Test(arguments: ["a3gV", "z0abc", "zOIl", "zab+c"])
    func refusesBadText(text: String) {
        // Given text without the z prefix or with characters outside the alphabet
        // When decoded
        // Then nothing comes back
        #expect(Multibase.decodeBase58BTC(text) == nil)
    }

    @Test func readsTheSpecKeyPair() throws {
        // Given the vc-di-eddsa key pair (REC 2025-05-15, Example 29)
        let vector = try Fixture.json("eddsa-jcs-2022/vector.json")
        let publicText = try #require(vector["publicKeyMultibase"]?.stringValue)
        let secretText = try #require(vector["secretKeyMultibase"]?.stringValue)
        // When both are read as Multikeys
        let publicKey = try #require(Multikey.ed25519PublicKey(publicText))
        let privateKey = try #require(Multikey.ed25519PrivateKey(secretText))
        // Then the secret derives the public key, and both encode back to the same text
        #expect(privateKey.publicKey.rawRepresentation == publicKey.rawRepresentation)
        #expect(Multikey.encode(publicKey) == publicText)
        #expect(Multikey.encode(privateKey) == secretText)
        #expect(publicText.hasPrefix("z6Mk") && secretText.hasPrefix("z3u2"))
    }

    @Test func refusesAPublicKeyReadAsSecret() throws {
        // Given a public Multikey
        let publicText = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
        // When it is read as a secret key
        // Then the multicodec header does not match
        #expect(Multikey.ed25519PrivateKey(publicText) == nil)
    }
}
