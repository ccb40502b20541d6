import CertDeskCredentials
import Crypto
import Foundation
import Testing

/// The eddsa-jcs-2022 vector of W3C Data Integrity EdDSA Cryptosuites v1.0 (REC 2025-05-15, Appendix B.3).
struct DataIntegrityProofTests {
    struct Vector {
        let credential: JSONValue
        let options: JSONValue
        let signed: JSONValue
        let values: JSONValue
        let privateKey: Curve25519.Signing.PrivateKey
        let publicKey: Curve25519.Signing.PublicKey

        init() throws {
            credential = try Fixture.json("eddsa-jcs-2022/credential-without-proof.json")
            options = try Fixture.json("eddsa-jcs-2022/proof-options.json")
            signed = try Fixture.json("eddsa-jcs-2022/signed-credential.json")
            values = try Fixture.json("eddsa-jcs-2022/vector.json")
            let secretText = try #require(values["secretKeyMultibase"]?.stringValue)
            let publicText = try #require(values["publicKeyMultibase"]?.stringValue)
            privateKey = try #require(Multikey.ed25519PrivateKey(secretText))
            publicKey = try #require(Multikey.ed25519PublicKey(publicText))
        }

        struct MissingValue: Error {}

        func value(_ key: String) throws -> String {
            guard let text = values[key]?.stringValue else { throw MissingValue() }
            return text
        }

        func bytes(_ key: String) throws -> Data {
            guard let data = Data(hex: try value(key)) else { throw MissingValue() }
            return data
        }
    }

    @Test func canonicalFormsMatchTheSpec() throws {
        // Given the spec's credential and proof options
        let vector = try Vector()
        // When both are canonicalized (the options after the proof configuration step)
        let configuration = try DataIntegrityProof.proofConfiguration(
            options: try #require(vector.options.objectValue), document: try #require(vector.credential.objectValue))
        // Then they equal the spec's canonical forms
        #expect(JCS.canonicalize(vector.credential) == (try Fixture.text("eddsa-jcs-2022/canonical-credential.txt")))
        #expect(JCS.canonicalize(.object(configuration)) == (try Fixture.text("eddsa-jcs-2022/canonical-proof-options.txt")))
    }

    @Test func hashesMatchTheSpec() throws {
        // Given the spec's credential and proof options
        let vector = try Vector()
        let document = try #require(vector.credential.objectValue)
        let configuration = try DataIntegrityProof.proofConfiguration(options: try #require(vector.options.objectValue), document: document)
        // When the hash data is computed
        let hashData = DataIntegrityProof.hashData(proofConfiguration: configuration, unsecuredDocument: document)
        // Then each half and the whole equal the published hex
        #expect(Data(SHA256.hash(data: JCS.canonicalData(vector.credential))).hex == (try vector.value("credentialHashHex")))
        #expect(Data(hashData.prefix(32)).hex == (try vector.value("proofOptionsHashHex")))
        #expect(hashData.hex == (try vector.value("combinedHashHex")))
    }

    @Test func signatureAndProofValueMatchTheSpec() throws {
        // Given the spec's key, credential and options
        let vector = try Vector()
        // When the proof is created
        let proof = try DataIntegrityProof.createProof(for: vector.credential, options: vector.options, privateKey: vector.privateKey)
        let proofValue = try #require(proof["proofValue"]?.stringValue)
        let signature = try #require(Multibase.decodeBase58BTC(proofValue))
        // Then the published signature is valid for the published hash data, and it is the published proofValue
        let published = try vector.bytes("signatureHex")
        #expect(Multibase.encodeBase58BTC(published) == (try vector.value("proofValue")))
        #expect(vector.publicKey.isValidSignature(published, for: try vector.bytes("combinedHashHex")))
        #if canImport(CryptoKit)
            // Apple's CryptoKit randomizes Ed25519 signatures, so only validity can be checked there.
            #expect(vector.publicKey.isValidSignature(signature, for: try vector.bytes("combinedHashHex")))
        #else
            // BoringSSL signs deterministically as RFC 8032 says, so the bytes match exactly.
            #expect(signature.hex == (try vector.value("signatureHex")))
            #expect(proofValue == (try vector.value("proofValue")))
            #expect(try DataIntegrityProof.sign(vector.credential, options: vector.options, privateKey: vector.privateKey) == vector.signed)
        #endif
    }

    @Test func verifyAcceptsTheSignedCredential() throws {
        // Given the spec's signed credential
        let vector = try Vector()
        // When it is verified with the spec's public key
        // Then it is valid
        #expect(DataIntegrityProof.verify(vector.signed, publicKey: vector.publicKey) == .valid)
    }

    @Test func verifyRejectsOneChangedCharacter() throws {
        // Given the signed credential with one character of the subject changed
        let vector = try Vector()
        var document = try #require(vector.signed.objectValue)
        document["credentialSubject"] = .object(["id": .string("did:example:abcdefgh"), "alumniOf": .string("The School of Examplez")])
        // When it is verified
        // Then it is tampered
        #expect(DataIntegrityProof.verify(.object(document), publicKey: vector.publicKey) == .tampered)
    }

    @Test func verifyRejectsAChangedProofOption() throws {
        // Given the signed credential with the proof's created time changed
        let vector = try Vector()
        var document = try #require(vector.signed.objectValue)
        var proof = try #require(document["proof"]?.objectValue)
        proof["created"] = .string("2023-02-24T23:36:39Z")
        document["proof"] = .object(proof)
        // When it is verified
        // Then it is tampered
        #expect(DataIntegrityProof.verify(.object(document), publicKey: vector.publicKey) == .tampered)
    }

    @Test func verifyRejectsAnotherKey() throws {
        // Given the signed credential and a different key
        let vector = try Vector()
        let other = Curve25519.Signing.PrivateKey().publicKey
        // When it is verified
        // Then it is tampered
        #expect(DataIntegrityProof.verify(vector.signed, publicKey: other) == .tampered)
    }

    @Test func verifyReportsUnsupportedAndMalformedProofs() throws {
        // Given variations of the signed credential
        let vector = try Vector()
        let document = try #require(vector.signed.objectValue)
        var proof = try #require(document["proof"]?.objectValue)
        func with(_ change: (inout [String: JSONValue]) -> Void) -> JSONValue {
            var copy = document
            var changedProof = proof
            change(&changedProof)
            copy["proof"] = .object(changedProof)
            return .object(copy)
        }
        var unsigned = document
        unsigned["proof"] = nil
        // When each is verified
        // Then the result names the problem
        #expect(DataIntegrityProof.verify(.object(unsigned), publicKey: vector.publicKey) == .malformed(.missingProof))
        #expect(DataIntegrityProof.verify(.array([]), publicKey: vector.publicKey) == .malformed(.documentNotAnObject))
        #expect(
            DataIntegrityProof.verify(with { $0["cryptosuite"] = .string("eddsa-rdfc-2022") }, publicKey: vector.publicKey)
                == .unsupportedCryptosuite("eddsa-rdfc-2022"))
        #expect(DataIntegrityProof.verify(with { $0["proofValue"] = nil }, publicKey: vector.publicKey) == .malformed(.missingProofValue))
        #expect(
            DataIntegrityProof.verify(with { $0["proofValue"] = .string("u0000") }, publicKey: vector.publicKey)
                == .malformed(.proofValueNotMultibase))
        #expect(
            DataIntegrityProof.verify(with { $0["proofValue"] = .string("z2g") }, publicKey: vector.publicKey)
                == .malformed(.wrongSignatureLength))
        proof["@context"] = .array([.string("https://example.org/other")])
        #expect(DataIntegrityProof.verify(with { _ in }, publicKey: vector.publicKey) == .tampered)
    }

    @Test func signsAndVerifiesANewCredential() throws {
        // Given a fresh key and a CertDesk-like credential with numbers and Chinese text
        let key = Curve25519.Signing.PrivateKey()
        let credential = try JSONValue.parse(#"{"@context":["https://www.w3.org/ns/credentials/v2"],"name":"证书","score":87.5}"#)
        let options = try JSONValue.parse(
            #"{"type":"DataIntegrityProof","cryptosuite":"eddsa-jcs-2022","created":"2026-01-01T00:00:00Z","verificationMethod":"urn:example","proofPurpose":"assertionMethod"}"#
        )
        // When it is signed, re-parsed from its canonical text and verified
        let signed = try DataIntegrityProof.sign(credential, options: options, privateKey: key)
        let reparsed = try JSONValue.parse(JCS.canonicalize(signed))
        // Then it is valid
        #expect(DataIntegrityProof.verify(reparsed, publicKey: key.publicKey) == .valid)
    }
}
