import Crypto
import Foundation

/// Checks a signed credential on its own: its proof against a known issuer key and its dates.
///
/// Revocation and replacement are not in the document; the caller looks them up (in the
/// store, or in a Bitstring Status List) and combines them with ``Verdict/combine``.
public enum CredentialVerifier {
    /// An issuer public key and, once rotated, when it stopped signing.
    public struct KnownKey: Sendable {
        public var publicKey: Curve25519.Signing.PublicKey
        public var retiredAt: Date?

        public init(publicKey: Curve25519.Signing.PublicKey, retiredAt: Date? = nil) {
            self.publicKey = publicKey
            self.retiredAt = retiredAt
        }
    }

    /// Why a credential does not match its signature; each names a message key.
    public enum Tampering: String, Sendable, Hashable {
        /// The bytes are not JSON (a changed character broke its syntax).
        case notJSON = "verify.tampered.not-json"
        /// The signature does not match the content: something was changed after signing.
        case signature = "verify.tampered.signature"
        /// The proof is missing or incomplete.
        case noProof = "verify.tampered.no-proof"
        /// The proof claims a time after its key was retired.
        case signedAfterRetirement = "verify.tampered.after-retirement"
        /// `validFrom`/`validUntil` are missing or unreadable.
        case dates = "verify.tampered.dates"
        /// The verification code typed from a certificate is not the credential's.
        case code = "verify.tampered.code"
    }

    /// What the document itself says, read after its signature checked out.
    public struct Facts: Sendable, Hashable {
        /// The credential number (the last path segment of `id`).
        public var number: String?
        public var validFrom: Date
        public var validUntil: Date?
        /// `credentialStatus.statusListCredential` and `statusListIndex`, when present.
        public var statusList: String?
        public var statusIndex: Int?
        /// The key that signed, e.g. `ed25519-…`.
        public var keyID: String
        public var holderName: String?
        public var achievementName: String?
        public var issuerName: String?
    }

    /// The result of checking the proof.
    public enum SignatureCheck: Sendable, Hashable {
        case valid(Facts)
        case tampered(Tampering)
        /// The proof names a key this verifier does not know.
        case unknownKey(String)
        /// The proof uses another cryptosuite.
        case unsupported(String)
    }

    /// The key id a `verificationMethod` names: the fragment after `#`, or the whole text.
    public static func keyID(of verificationMethod: String) -> String {
        verificationMethod.split(separator: "#", omittingEmptySubsequences: false).last.map(String.init) ?? verificationMethod
    }

    /// Checks the proof of a secured credential with the key its `verificationMethod` names.
    public static func check(_ credential: JSONValue, keys: (String) -> KnownKey?) -> SignatureCheck {
        guard let proof = credential["proof"]?.objectValue, let method = proof["verificationMethod"]?.stringValue else {
            return .tampered(.noProof)
        }
        let keyID = keyID(of: method)
        guard let key = keys(keyID) else { return .unknownKey(keyID) }
        switch DataIntegrityProof.verify(credential, publicKey: key.publicKey) {
        case .valid: break
        case .tampered: return .tampered(.signature)
        case .unsupportedCryptosuite(let suite): return .unsupported(suite)
        case .malformed: return .tampered(.noProof)
        }
        if let retired = key.retiredAt {
            guard let created = proof["created"]?.stringValue.flatMap(AchievementCredential.date), created <= retired else {
                return .tampered(.signedAfterRetirement)
            }
        }
        guard let from = credential["validFrom"]?.stringValue.flatMap(AchievementCredential.date) else { return .tampered(.dates) }
        let until = credential["validUntil"]?.stringValue.flatMap(AchievementCredential.date)
        if credential["validUntil"] != nil && until == nil { return .tampered(.dates) }
        let status = credential["credentialStatus"]
        let subject = credential["credentialSubject"]
        let name = subject?["identifier"]?.arrayValue?.first { $0["identityType"]?.stringValue == "name" }
        return .valid(
            Facts(
                number: credential["id"]?.stringValue?.split(separator: "/").last.map(String.init), validFrom: from,
                validUntil: until, statusList: status?["statusListCredential"]?.stringValue,
                statusIndex: status?["statusListIndex"]?.stringValue.flatMap { Int($0) }, keyID: keyID,
                holderName: name?["identityHash"]?.stringValue, achievementName: subject?["achievement"]?["name"]?.stringValue,
                issuerName: credential["issuer"]?["name"]?.stringValue ?? credential["issuer"]?.stringValue))
    }
}
