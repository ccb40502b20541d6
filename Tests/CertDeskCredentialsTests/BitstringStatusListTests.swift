import CertDeskCredentials
import Foundation
import Testing

struct BitstringStatusListTests {
    /// Example 3, "Example BitstringStatusListCredential", in §2.2 BitstringStatusListCredential
    /// of W3C Bitstring Status List v1.0 (REC 2025-05-15; the same text is in the CR of
    /// 2024-05-09), with the highlighting markup removed.
    static let specExampleCredential = #"""
        {
          "@context": [
            "https://www.w3.org/ns/credentials/v2"
          ],
          "id": "https://example.com/credentials/status/3",
          "type": ["VerifiableCredential", "BitstringStatusListCredential"],
          "issuer": "did:example:12345",
          "validFrom": "2021-04-05T14:27:40Z",
          "credentialSubject": {
            "id": "https://example.com/status/3#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
          }
        }
        """#

    /// The first `credentialStatus` entry of Example 1, "Example StatusListCredential using
    /// simple entries", in §2.1 BitstringStatusListEntry of the same specification.
    static let specExampleEntry = #"""
        {
          "id": "https://example.com/credentials/status/3#94567",
          "type": "BitstringStatusListEntry",
          "statusPurpose": "revocation",
          "statusListIndex": "94567",
          "statusListCredential": "https://example.com/credentials/status/3"
        }
        """#

    /// The raw bytes behind an `encodedList`, decoded with Foundation rather than the code under test.
    static func rawBytes(_ encodedList: String) throws -> Data {
        try Gzip.decompress(try compressedBytes(encodedList))
    }

    /// The gzip bytes of an `encodedList`, decoded with Foundation.
    static func compressedBytes(_ encodedList: String) throws -> Data {
        #expect(encodedList.hasPrefix("u"))
        var base64 = String(encodedList.dropFirst()).replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        #expect(!base64.contains("="))
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return try #require(Data(base64Encoded: base64))
    }

    @Test(arguments: [
        (BitstringStatusList.minimumLength, 131_072), (0, 131_072), (-5, 131_072), (10, 131_072), (131_073, 131_080),
        (131_079, 131_080), (200_000, 200_000), (200_001, 200_008),
    ])
    func roundsTheLengthUp(requested: Int, length: Int) {
        // Given a requested length
        // When a list is made
        let list = BitstringStatusList(length: requested)
        // Then its length is a multiple of 8 and at least the minimum, and every bit is clear
        #expect(list.length == length)
        #expect(!list[0] && !list[length - 1])
    }

    @Test func indexZeroIsTheLeftMostBit() throws {
        // Given an empty list
        var list = BitstringStatusList()
        // When bits 0, 7, 8 and 131071 are set
        for index in [0, 7, 8, 131_071] { list[index] = true }
        // Then exactly those read as set
        #expect([0, 7, 8, 131_071].allSatisfy { list[$0] })
        #expect([1, 6, 9, 15, 16, 65_536, 131_070].allSatisfy { !list[$0] })
        // And the bytes are laid out most significant bit first, as the specification says
        let bytes = try Self.rawBytes(list.encodedList)
        #expect(bytes.count == 16_384)
        #expect(bytes[0] == 0b1000_0001)
        #expect(bytes[1] == 0b1000_0000)
        #expect(bytes[16_383] == 0b0000_0001)
        #expect(bytes[2..<16_383].allSatisfy { $0 == 0 })
        // And clearing a bit clears only that bit
        list[7] = false
        #expect(list[0] && !list[7] && list[8])
        #expect(try Self.rawBytes(list.encodedList)[0] == 0b1000_0000)
    }

    @Test func roundTripsThroughEncodedList() throws {
        // Given a longer list with scattered bits set from a fixed seed
        var list = BitstringStatusList(length: 250_000)
        var generator = SplitMix64(seed: 7)
        var set: Set<Int> = [0, 249_999]
        for _ in 0..<500 { set.insert(Int(generator.next() % 250_000)) }
        for index in set { list[index] = true }
        // When encoded and decoded
        let encoded = list.encodedList
        let decoded = try BitstringStatusList(encodedList: encoded)
        // Then it is the same list, in multibase base64url without padding
        #expect(decoded == list)
        #expect(decoded.length == 250_000)
        #expect((0..<250_000).filter { decoded[$0] } == set.sorted())
        #expect(encoded.dropFirst().allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    }

    @Test func decodesTheSpecificationsExample() throws {
        // Given the encodedList of the specification's example credential
        let credential = try JSONValue.parse(Self.specExampleCredential)
        let encodedList = try #require(credential["credentialSubject"]?["encodedList"]?.stringValue)
        // When it is decoded, directly and from the credential
        let list = try BitstringStatusList(encodedList: encodedList)
        let fromCredential = try BitstringStatusList(credential: credential)
        // Then it is 131,072 clear bits: the same as a new list
        #expect(list.length == 131_072)
        #expect((0..<list.length).allSatisfy { !list[$0] })
        #expect(list == BitstringStatusList())
        #expect(fromCredential == list)
        #expect(!list[94_567])
    }

    @Test func buildsTheCredentialTheSpecificationShows() throws {
        // Given the specification's example credential and the same inputs
        let example = try JSONValue.parse(Self.specExampleCredential)
        var list = BitstringStatusList()
        list[94_567] = true
        // When the credential is built
        let credential = BitstringStatusList.credential(
            id: "https://example.com/credentials/status/3", issuer: .string("did:example:12345"),
            validFrom: "2021-04-05T14:27:40Z", validUntil: nil, list: list)
        // Then the top-level members equal the example's
        for name in ["@context", "id", "type", "issuer", "validFrom"] {
            #expect(credential[name] == example[name], "\(name)")
        }
        #expect(credential["validUntil"] == nil)
        #expect(credential.objectValue?.count == 6)
        // And the subject has the example's shape, its id being the credential's + "#list"
        let subject = try #require(credential["credentialSubject"])
        #expect(subject["id"] == .string("https://example.com/credentials/status/3#list"))
        #expect(subject["type"] == .string("BitstringStatusList"))
        #expect(subject["statusPurpose"] == .string("revocation"))
        #expect(subject.objectValue?.count == 4)
        // And reading it back gives the list
        #expect(try BitstringStatusList(credential: credential) == list)
    }

    @Test func buildsACredentialWithValidUntilAndPurpose() throws {
        // Given a suspension list with an end of validity and an issuer object
        let credential = BitstringStatusList.credential(
            id: "https://certs.example/status/2", issuer: .object(["id": .string("did:web:certs.example")]),
            validFrom: "2026-11-23T10:00:00Z", validUntil: "2026-11-24T10:00:00Z", purpose: "suspension",
            list: BitstringStatusList())
        // When it is read
        // Then the optional members are there
        #expect(credential["validUntil"] == .string("2026-11-24T10:00:00Z"))
        #expect(credential["issuer"]?["id"] == .string("did:web:certs.example"))
        #expect(credential["credentialSubject"]?["statusPurpose"] == .string("suspension"))
    }

    @Test func buildsTheEntryTheSpecificationShows() throws {
        // Given the specification's example entry
        let example = try JSONValue.parse(Self.specExampleEntry)
        // When the same entry is built
        let entry = BitstringStatusList.entry(listCredential: "https://example.com/credentials/status/3", index: 94_567)
        // Then it is equal, with the index as a decimal string
        #expect(entry == example)
        #expect(entry["statusListIndex"] == .string("94567"))
        #expect(
            BitstringStatusList.entry(listCredential: "https://x.example/s", index: 0, purpose: "suspension")["id"]
                == .string("https://x.example/s#0"))
    }

    @Test func refusesBadEncodedLists() throws {
        // Given texts that are not valid encoded lists, most made from the specification's
        let encodedList = try #require(
            try JSONValue.parse(Self.specExampleCredential)["credentialSubject"]?["encodedList"]?.stringValue)
        let body = String(encodedList.dropFirst(4))  // after "uH4s"
        let truncated = "u" + Self.base64URL(Gzip.compress(Data(count: 16_384)).dropLast(3))
        let shortList = "u" + Self.base64URL(Gzip.compress(Data(count: 16_383)))
        // When decoded
        // Then each is refused for its own reason
        #expect(throws: StatusListError.notMultibaseBase64URL) { try BitstringStatusList(encodedList: "H4s" + body) }
        #expect(throws: StatusListError.notMultibaseBase64URL) { try BitstringStatusList(encodedList: "") }
        #expect(throws: StatusListError.notMultibaseBase64URL) { try BitstringStatusList(encodedList: "zH4s" + body) }
        #expect(throws: StatusListError.notBase64URL) { try BitstringStatusList(encodedList: "uH4s+" + body) }
        #expect(throws: StatusListError.notBase64URL) { try BitstringStatusList(encodedList: "uH4s/" + body) }
        #expect(throws: StatusListError.notBase64URL) { try BitstringStatusList(encodedList: "uH4s" + body + "==") }
        #expect(throws: StatusListError.notBase64URL) { try BitstringStatusList(encodedList: "uH4s" + body + "A") }  // one character over
        #expect(throws: StatusListError.notBase64URL) { try BitstringStatusList(encodedList: "uH4s 4s" + body) }
        #expect(throws: StatusListError.notBase64URL) { try BitstringStatusList(encodedList: "uAB") }  // stray low bits
        #expect(throws: StatusListError.notGzip(.corrupt)) {
            try BitstringStatusList(encodedList: "u" + Self.base64URL(Data("not gzip at all".utf8)))
        }
        #expect(throws: StatusListError.notGzip(.truncated)) { try BitstringStatusList(encodedList: "u") }
        #expect(throws: StatusListError.notGzip(.truncated)) { try BitstringStatusList(encodedList: truncated) }
        #expect(throws: StatusListError.notGzip(.trailingData)) {
            try BitstringStatusList(encodedList: "u" + Self.base64URL(try Self.compressedBytes(encodedList) + Data([0])))
        }
        #expect(throws: StatusListError.tooShort(length: 131_064)) { try BitstringStatusList(encodedList: shortList) }
    }

    @Test func refusesOtherCredentials() throws {
        // Given the example credential with its types or list changed
        let example = try #require(try JSONValue.parse(Self.specExampleCredential).objectValue)
        let subject = try #require(example["credentialSubject"]?.objectValue)
        func changed(_ change: (inout [String: JSONValue], inout [String: JSONValue]) -> Void) -> JSONValue {
            var credential = example
            var newSubject = subject
            change(&credential, &newSubject)
            if credential["credentialSubject"] != nil { credential["credentialSubject"] = .object(newSubject) }
            return .object(credential)
        }
        // When each is read
        // Then each is refused with the matching error
        #expect(throws: StatusListError.notAStatusListCredential) {
            try BitstringStatusList(credential: changed { credential, _ in credential["type"] = .array([.string("VerifiableCredential")]) })
        }
        #expect(throws: StatusListError.notAStatusListCredential) {
            try BitstringStatusList(credential: changed { credential, _ in credential["type"] = nil })
        }
        #expect(throws: StatusListError.notAStatusListCredential) { try BitstringStatusList(credential: .string("x")) }
        #expect(throws: StatusListError.wrongSubjectType) {
            try BitstringStatusList(credential: changed { _, subject in subject["type"] = .string("StatusList2021") })
        }
        #expect(throws: StatusListError.wrongSubjectType) {
            try BitstringStatusList(credential: changed { credential, _ in credential["credentialSubject"] = nil })
        }
        #expect(throws: StatusListError.missingEncodedList) {
            try BitstringStatusList(credential: changed { _, subject in subject["encodedList"] = .number(1) })
        }
        #expect(throws: StatusListError.notMultibaseBase64URL) {
            try BitstringStatusList(credential: changed { _, subject in subject["encodedList"] = .string("H4sI") })
        }
        // And a type written as a single string, or a subject type in an array, is accepted
        let lenient = changed { credential, subject in
            credential["type"] = .string("BitstringStatusListCredential")
            subject["type"] = .array([.string("BitstringStatusList")])
        }
        #expect(try BitstringStatusList(credential: lenient) == BitstringStatusList())
    }

    @Test func errorsCarryMessageKeys() {
        // Given some errors
        // When their keys and arguments are read
        // Then they name the catalog entry and its values
        #expect(StatusListError.notGzip(.corrupt).key == "status-list.not-gzip")
        #expect(StatusListError.notGzip(.corrupt).arguments == ["reason": "gzip.corrupt"])
        #expect(StatusListError.tooShort(length: 8).arguments == ["length": "8", "minimum": "131072"])
        #expect(StatusListError.notMultibaseBase64URL.arguments.isEmpty)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
