import Crypto
import Foundation

/// Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C Data Integrity EdDSA
/// Cryptosuites v1.0, §3.3): JCS-canonicalized JSON, SHA-256, Ed25519.
///
/// The proof configuration is the proof options without `proofValue`, with the document's
/// `@context` copied in. The signed bytes are
/// `SHA-256(JCS(proofConfig)) ‖ SHA-256(JCS(unsecuredDocument))`, and `proofValue` is the
/// 64-byte signature as base58btc multibase (`z…`).
///
/// This type resolves no keys: the caller maps `verificationMethod` to a public key.
///
/// ```swift
/// let signed = try DataIntegrityProof.sign(document, options: options, privateKey: key)
/// DataIntegrityProof.verify(signed, publicKey: key.publicKey)  // .valid
/// ```
public enum DataIntegrityProof {
    /// The proof `type` every Data Integrity proof carries.
    public static let proofType = "DataIntegrityProof"
    /// The one cryptosuite implemented here.
    public static let cryptosuite = "eddsa-jcs-2022"

    /// Why a proof could not be made.
    public enum CreationError: Error, Sendable, Hashable {
        /// The document or the options is not a JSON object.
        case notAnObject
        /// The options name another `type` or `cryptosuite`.
        case unsupportedCryptosuite(String)
    }

    /// What ``verify(_:publicKey:)`` found.
    public enum VerificationResult: Sendable, Hashable {
        /// The signature matches the document and the proof options.
        case valid
        /// The signature does not match: the document, the proof or the key differs from
        /// what was signed (or the document's `@context` no longer starts with the proof's).
        case tampered
        /// The proof is of another type or cryptosuite.
        case unsupportedCryptosuite(String)
        /// The document has no usable proof.
        case malformed(Malformation)
    }

    /// How a secured document is malformed.
    public enum Malformation: String, Sendable, Hashable {
        case documentNotAnObject = "proof.document-not-object"
        case missingProof = "proof.missing"
        case proofNotAnObject = "proof.not-object"
        case missingProofValue = "proof.missing-proof-value"
        case proofValueNotMultibase = "proof.proof-value-not-multibase"
        case wrongSignatureLength = "proof.wrong-signature-length"
    }

    /// The proof configuration: the options without `proofValue`, with `@context` set to the
    /// document's when the document has one (spec §3.3.5).
    public static func proofConfiguration(
        options: [String: JSONValue], document: [String: JSONValue]
    ) throws(CreationError) -> [String: JSONValue] {
        var configuration = options
        configuration["proofValue"] = nil
        guard configuration["type"]?.stringValue == proofType else {
            throw .unsupportedCryptosuite(configuration["type"]?.stringValue ?? "")
        }
        guard configuration["cryptosuite"]?.stringValue == cryptosuite else {
            throw .unsupportedCryptosuite(configuration["cryptosuite"]?.stringValue ?? "")
        }
        if let context = document["@context"] { configuration["@context"] = context }
        return configuration
    }

    /// The 64 bytes that are signed: SHA-256 of the canonical proof configuration followed by
    /// SHA-256 of the canonical unsecured document (spec §3.3.4).
    public static func hashData(proofConfiguration: [String: JSONValue], unsecuredDocument: [String: JSONValue]) -> Data {
        let configurationHash = SHA256.hash(data: JCS.canonicalData(.object(proofConfiguration)))
        let documentHash = SHA256.hash(data: JCS.canonicalData(.object(unsecuredDocument)))
        return Data(configurationHash) + Data(documentHash)
    }

    /// The proof for a document: the options plus `@context` and `proofValue`.
    ///
    /// - Parameters:
    ///   - document: the unsecured document (any `proof` member is removed first).
    ///   - options: `type`, `cryptosuite`, `created`, `verificationMethod`, `proofPurpose`, ….
    ///   - privateKey: the Ed25519 key behind `verificationMethod`.
    /// - Throws: ``CreationError``.
    public static func createProof(
        for document: JSONValue, options: JSONValue, privateKey: Curve25519.Signing.PrivateKey
    ) throws(CreationError) -> JSONValue {
        guard var unsecured = document.objectValue, let options = options.objectValue else { throw .notAnObject }
        unsecured["proof"] = nil
        var proof = try proofConfiguration(options: options, document: unsecured)
        let data = hashData(proofConfiguration: proof, unsecuredDocument: unsecured)
        let signature: Data
        do {
            signature = try privateKey.signature(for: data)
        } catch {
            preconditionFailure("Ed25519 signing cannot fail: \(error)")
        }
        proof["proofValue"] = .string(Multibase.encodeBase58BTC(signature))
        return .object(proof)
    }

    /// The document with a proof attached as its `proof` member.
    public static func sign(
        _ document: JSONValue, options: JSONValue, privateKey: Curve25519.Signing.PrivateKey
    ) throws(CreationError) -> JSONValue {
        let proof = try createProof(for: document, options: options, privateKey: privateKey)
        guard var secured = document.objectValue else { throw .notAnObject }
        secured["proof"] = proof
        return .object(secured)
    }

    /// Checks the single `eddsa-jcs-2022` proof of a secured document (spec §3.3.2).
    ///
    /// - Parameters:
    ///   - securedDocument: the document with its `proof` object.
    ///   - publicKey: the key `verificationMethod` resolves to.
    public static func verify(_ securedDocument: JSONValue, publicKey: Curve25519.Signing.PublicKey) -> VerificationResult {
        guard var unsecured = securedDocument.objectValue else { return .malformed(.documentNotAnObject) }
        guard let proofValue = unsecured.removeValue(forKey: "proof") else { return .malformed(.missingProof) }
        guard var proofOptions = proofValue.objectValue else { return .malformed(.proofNotAnObject) }
        guard proofOptions["type"]?.stringValue == proofType else {
            return .unsupportedCryptosuite(proofOptions["type"]?.stringValue ?? "")
        }
        guard let suite = proofOptions["cryptosuite"]?.stringValue, suite == cryptosuite else {
            return .unsupportedCryptosuite(proofOptions["cryptosuite"]?.stringValue ?? "")
        }
        guard let encoded = proofOptions.removeValue(forKey: "proofValue") else { return .malformed(.missingProofValue) }
        guard let text = encoded.stringValue, let signature = Multibase.decodeBase58BTC(text) else {
            return .malformed(.proofValueNotMultibase)
        }
        guard signature.count == 64 else { return .malformed(.wrongSignatureLength) }
        if let proofContext = proofOptions["@context"] {
            guard contextStarts(unsecured["@context"], with: proofContext) else { return .tampered }
            unsecured["@context"] = proofContext
        }
        guard let configuration = try? proofConfiguration(options: proofOptions, document: unsecured) else {
            return .unsupportedCryptosuite(suite)
        }
        let data = hashData(proofConfiguration: configuration, unsecuredDocument: unsecured)
        return publicKey.isValidSignature(signature, for: data) ? .valid : .tampered
    }

    /// Whether the document's `@context` begins with every entry of the proof's, in order.
    static func contextStarts(_ documentContext: JSONValue?, with proofContext: JSONValue) -> Bool {
        func entries(_ value: JSONValue?) -> [JSONValue] {
            switch value {
            case .array(let items): items
            case .some(let item): [item]
            case .none: []
            }
        }
        let document = entries(documentContext)
        let proof = entries(proofContext)
        return document.count >= proof.count && Array(document.prefix(proof.count)) == proof
    }
}
