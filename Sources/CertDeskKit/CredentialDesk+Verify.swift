import CertDeskCore
import CertDeskCredentials
import CertDeskStore
import Foundation

extension CredentialDesk {
    /// What `verify` concludes about a credential.
    public enum Verdict: Sendable, Hashable {
        case valid
        case expired(Date)
        /// A renewal issued ahead of its start.
        case notYetValid(Date)
        /// Revoked; the date and reason are known when the store is at hand, not from a status list.
        case revoked(at: Date?, reason: String?)
        /// Replaced by a renewal or a reissue.
        case superseded(by: String, at: Date)
        case tampered(CredentialVerifier.Tampering)
        /// Signed by a key the verifier does not know.
        case unknownKey(String)
        case unsupported(String)

        /// The exit status `certdesk verify` ends with: 0 only for a valid credential.
        public var exitStatus: Int32 {
            switch self {
            case .valid: 0
            case .tampered: 2
            case .expired: 3
            case .revoked: 4
            case .superseded: 5
            case .notYetValid: 6
            case .unknownKey, .unsupported: 7
            }
        }

        /// A stable name for scripts and JSON output.
        public var code: String {
            switch self {
            case .valid: "valid"
            case .expired: "expired"
            case .notYetValid: "not-yet-valid"
            case .revoked: "revoked"
            case .superseded: "superseded"
            case .tampered: "tampered"
            case .unknownKey: "unknown-key"
            case .unsupported: "unsupported"
            }
        }
    }

    /// Where the revocation status came from.
    public enum StatusSource: Sendable, Hashable {
        /// This CertDesk's own records.
        case store
        /// A published status list, signed at this time.
        case statusList(Date)
        /// Not checked: no store record and no status list given.
        case unchecked
    }

    /// A verdict with what it rests on.
    public struct Verification: Sendable {
        public var verdict: Verdict
        /// What the signed document says, when its signature checked out.
        public var facts: CredentialVerifier.Facts?
        /// The store's record of the credential, when there is one.
        public var record: CredentialRecord?
        public var statusSource: StatusSource

        public init(verdict: Verdict, facts: CredentialVerifier.Facts?, record: CredentialRecord?, statusSource: StatusSource) {
            self.verdict = verdict
            self.facts = facts
            self.record = record
            self.statusSource = statusSource
        }
    }

    /// Verifies a credential by number from the store's signed copy, and checks the code
    /// printed on a certificate when one is typed.
    ///
    /// - Throws: `credential.bad-number`, `credential.unknown`.
    public func verify(number typed: String, code: String?) throws -> Verification {
        let record = try credential(typed)
        let document = try document(record)
        if let code, VerificationCode.normalize(code) != record.verificationCode {
            return Verification(verdict: .tampered(.code), facts: nil, record: record, statusSource: .store)
        }
        return Self.combine(
            CredentialVerifier.check(document, keys: try storeKeys()), record: record, revoked: nil, source: .store, now: now())
    }

    /// Verifies a credential file against the store's issuer keys and records.
    public func verify(data: Data) throws -> Verification {
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            return Verification(verdict: .tampered(.notJSON), facts: nil, record: nil, statusSource: .unchecked)
        }
        let check = CredentialVerifier.check(document, keys: try storeKeys())
        var record: CredentialRecord?
        if case .valid(let facts) = check, let number = facts.number.flatMap(CredentialNumber.normalize) {
            record = try store.credential(number: number)
        }
        return Self.combine(check, record: record, revoked: nil, source: record == nil ? .unchecked : .store, now: now())
    }

    func storeKeys() throws -> (String) -> CredentialVerifier.KnownKey? {
        var known: [String: CredentialVerifier.KnownKey] = [:]
        for key in try store.issuerKeys() {
            if let publicKey = Multikey.ed25519PublicKey(key.publicKey) {
                known[key.id] = CredentialVerifier.KnownKey(publicKey: publicKey, retiredAt: key.retiredAt)
            }
        }
        return { known[$0] }
    }

    /// Verifies a credential file with nothing but the issuer's published public keys and,
    /// optionally, its published status list: no database needed.
    ///
    /// - Throws: `verify.keys-file` (the keys file is not a key document), `verify.status-list.invalid`
    ///   (not a status list, or its signature does not check out), `verify.status-list.other`
    ///   (the list is not the one the credential names).
    public static func verifyOffline(data: Data, keyDocument: Data, statusList: Data?, now: Date) throws -> Verification {
        guard let keys = try? JSONValue.parse(keyDocument), let methods = keys["verificationMethod"]?.arrayValue,
            let controller = keys["id"]?.stringValue
        else {
            throw ProblemsError.error("verify.keys-file", [:])
        }
        var known: [String: CredentialVerifier.KnownKey] = [:]
        for method in methods {
            if let id = method["id"]?.stringValue, let text = method["publicKeyMultibase"]?.stringValue,
                let publicKey = Multikey.ed25519PublicKey(text)
            {
                known[CredentialVerifier.keyID(of: id)] = CredentialVerifier.KnownKey(publicKey: publicKey)
            }
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            return Verification(verdict: .tampered(.notJSON), facts: nil, record: nil, statusSource: .unchecked)
        }
        // Only keys of the issuer the credential names count.
        let issuer = document["issuer"]?["id"]?.stringValue ?? document["issuer"]?.stringValue
        let lookup: (String) -> CredentialVerifier.KnownKey? = { issuer == controller ? known[$0] : nil }
        let check = CredentialVerifier.check(document, keys: lookup)
        guard let statusList, case .valid(let facts) = check, let index = facts.statusIndex else {
            return combine(check, record: nil, revoked: nil, source: .unchecked, now: now)
        }
        guard let listDocument = try? JSONValue.parse(statusList),
            case .valid(let listFacts) = CredentialVerifier.check(listDocument, keys: lookup),
            let list = try? BitstringStatusList(credential: listDocument)
        else {
            throw ProblemsError.error("verify.status-list.invalid", [:])
        }
        guard listDocument["id"]?.stringValue == facts.statusList else {
            throw ProblemsError.error(
                "verify.status-list.other", ["expected": facts.statusList ?? "—", "found": listDocument["id"]?.stringValue ?? "—"])
        }
        let revoked = index < list.length ? list[index] : false
        return combine(check, record: nil, revoked: revoked, source: .statusList(listFacts.validFrom), now: now)
    }

    static func combine(
        _ check: CredentialVerifier.SignatureCheck, record: CredentialRecord?, revoked: Bool?, source: StatusSource, now: Date
    ) -> Verification {
        let facts: CredentialVerifier.Facts
        switch check {
        case .valid(let found): facts = found
        case .tampered(let how): return Verification(verdict: .tampered(how), facts: nil, record: record, statusSource: source)
        case .unknownKey(let id): return Verification(verdict: .unknownKey(id), facts: nil, record: record, statusSource: source)
        case .unsupported(let suite): return Verification(verdict: .unsupported(suite), facts: nil, record: record, statusSource: source)
        }
        let verdict: Verdict
        if let revocation = record?.status.revocation {
            verdict = .revoked(at: revocation.at, reason: revocation.reason)
        } else if revoked == true {
            verdict = .revoked(at: nil, reason: nil)
        } else if let supersession = record?.status.supersession {
            verdict = .superseded(by: supersession.successor, at: supersession.at)
        } else if now < facts.validFrom {
            verdict = .notYetValid(facts.validFrom)
        } else if let until = facts.validUntil, until < now {
            verdict = .expired(until)
        } else {
            verdict = .valid
        }
        return Verification(verdict: verdict, facts: facts, record: record, statusSource: source)
    }
}
