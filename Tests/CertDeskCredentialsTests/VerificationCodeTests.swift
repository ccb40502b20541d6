import CertDeskCredentials
import Foundation
import Testing

struct VerificationCodeTests {
    static let credential: JSONValue = .object([
        "type": .array([.string("VerifiableCredential")]),
        "credentialSubject": .object(["name": .string("陳大文"), "number": .string("CCCP-2026-000123-8")]),
        "proof": .object(["proofValue": .string("z5abc")]),
    ])

    @Test func matchesAnIndependentComputation() {
        // Given small credentials whose JCS form is known
        // When their codes are made
        // Then they equal SHA-256 → first 60 bits → Crockford base32 computed by Python's hashlib
        #expect(VerificationCode.make(for: .object(["a": .string("b")])) == "VD57-XJRH-9F36")
        #expect(
            VerificationCode.make(for: .object(["proof": .object(["proofValue": .string("z5")]), "name": .string("陳大文")]))
                == "5SQJ-Z5WN-PQEE")
    }

    @Test func isDeterministicAndWellFormed() {
        // Given a credential
        // When its code is made twice
        let first = VerificationCode.make(for: Self.credential)
        let second = VerificationCode.make(for: Self.credential)
        // Then both are the same 3 groups of 4 Crockford characters, already normalized
        #expect(first == second)
        #expect(first.count == 14)
        #expect(first.split(separator: "-").map(\.count) == [4, 4, 4])
        #expect(first.filter { $0 != "-" }.allSatisfy { VerificationCode.alphabet.contains($0) })
        #expect(VerificationCode.normalize(first) == first)
    }

    @Test func changesWithOneCharacter() throws {
        // Given the credential with one character changed in the subject, and in the proof
        var subject = try #require(Self.credential.objectValue)
        subject["credentialSubject"] = .object(["name": .string("陳大文"), "number": .string("CCCP-2026-000124-8")])
        var proof = try #require(Self.credential.objectValue)
        proof["proof"] = .object(["proofValue": .string("z5abd")])
        // When their codes are made
        let codes = [Self.credential, .object(subject), .object(proof)].map(VerificationCode.make(for:))
        // Then all three differ
        #expect(Set(codes).count == 3)
    }

    @Test(arguments: [
        ("7K2M-Q9XD-4HRT", "7K2M-Q9XD-4HRT"), ("7k2m-q9xd-4hrt", "7K2M-Q9XD-4HRT"), ("7K2MQ9XD4HRT", "7K2M-Q9XD-4HRT"),
        (" 7K2M Q9XD 4HRT ", "7K2M-Q9XD-4HRT"), ("7-K-2-M-Q9XD--4HRT", "7K2M-Q9XD-4HRT"),
        ("OOOO-IIII-LLLL", "0000-1111-1111"), ("oooo-iiii-llll", "0000-1111-1111"),
        ("７Ｋ２Ｍ－Ｑ９ＸＤ　４ＨＲＴ", "7K2M-Q9XD-4HRT"), ("\t7K2M\nQ9XD\r4HRT", "7K2M-Q9XD-4HRT"),
    ])
    func normalizesWhatPeopleType(typed: String, expected: String) {
        // Given a code typed with case, spacing, dash or look-alike variations
        // When it is normalized
        // Then the canonical grouped form comes back
        #expect(VerificationCode.normalize(typed) == expected)
    }

    @Test(arguments: [
        "", "7K2M-Q9XD-4HR", "7K2M-Q9XD-4HRTT", "7K2M-Q9XD-4HRU", "7K2M-Q9XD-4HR*", "7K2M_Q9XD_4HRT", "7K2M-Q9XD-4HRé",
        "證書證書證書證書證書證書", "ßßßßßß",
    ])
    func refusesWhatIsNotACode(typed: String) {
        // Given text that is not 12 Crockford characters
        // When it is normalized
        // Then nothing comes back
        #expect(VerificationCode.normalize(typed) == nil)
    }
}
