import CertDeskCore
import Foundation

/// The certification body as its credentials and certificates name it.
public struct IssuerProfile: Sendable, Hashable {
    /// A URL (or DID) naming the body; credential, achievement and status list ids start with it.
    public var id: String
    public var name: LocalizedText
    /// Where the public checks a credential, printed on certificates.
    public var verifyURL: String?

    public init(id: String, name: LocalizedText, verifyURL: String?) {
        self.id = id
        self.name = name
        self.verifyURL = verifyURL
    }
}

/// The public half of an issuer signing key, as the store keeps it.
public struct IssuerKeyRecord: Sendable, Hashable {
    public var id: String
    /// `publicKeyMultibase` (`z6Mk…`).
    public var publicKey: String
    public var createdAt: Date
    public var createdBy: String
    public var retiredAt: Date?
    public var retiredBy: String?
}

/// A credential as issued, with its life-cycle events.
public struct CredentialRecord: Sendable, Hashable {
    public var status: CredentialStatus
    public var number: String { status.number }
    public var track: String { status.track }
    public var candidateNumber: String
    /// The holder's names as signed.
    public var holder: PersonName
    public var holderOther: PersonName?
    /// The holder's language when it was issued; the credential's text is in it.
    public var language: Language
    public var attemptID: Int64?
    public var curriculumVersion: Int
    /// The credential this one replaced (renewals and reissues).
    public var replaces: String?
    /// When the certification was first awarded.
    public var awardedAt: Date
    public var issuedAt: Date
    public var issuedBy: String
    public var keyID: String
    public var statusIndex: Int
    /// The signed credential, exactly as issued.
    public var document: String
    public var verificationCode: String
}

/// What the store fixed for a credential about to be signed: its number's parts, its place
/// in the status list, and its dates.
public struct CredentialDraft: Sendable {
    public var track: String
    public var year: Int
    public var sequence: Int
    public var statusIndex: Int
    public var kind: CredentialStatus.Kind
    public var replaces: String?
    public var candidate: Candidate
    public var attemptID: Int64?
    public var curriculum: Curriculum
    public var curriculumVersion: Int
    public var awardedAt: Date
    public var validFrom: Date
    public var validUntil: Date
    public var keyID: String
}

/// A signed credential, ready to store.
public struct SignedCredential: Sendable {
    public var number: String
    public var document: String
    public var verificationCode: String

    public init(number: String, document: String, verificationCode: String) {
        self.number = number
        self.document = document
        self.verificationCode = verificationCode
    }
}

/// How a renewal or reissue replaces a credential, decided from the credential and the CPD recorded.
public struct Replacement: Sendable {
    public var kind: CredentialStatus.Kind
    public var validFrom: Date
    public var validUntil: Date
    /// Recorded on the old credential's `superseded` event.
    public var reason: String

    public init(kind: CredentialStatus.Kind, validFrom: Date, validUntil: Date, reason: String) {
        self.kind = kind
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.reason = reason
    }
}

/// Hours of continuing professional development a holder completed.
public struct CPDRecord: Sendable, Hashable {
    public var id: Int64
    public var candidateNumber: String
    public var track: String
    public var hours: Double
    public var activity: String
    /// `YYYY-MM-DD`.
    public var completedOn: String
    public var recordedAt: Date
    public var recordedBy: String
}

/// What one `issue` run found and did for each registration of a sitting.
public struct IssueRun: Sendable {
    public var sitting: Sitting
    public var curriculum: Curriculum
    public var facts: [EligibilityFacts]
    /// The credentials issued by this run.
    public var issued: [CredentialRecord]
}
