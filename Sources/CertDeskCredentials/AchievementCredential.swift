import Foundation

/// An Open Badges 3.0 `AchievementCredential` (a W3C Verifiable Credential 2.0), before signing.
///
/// The track is the `Achievement` (type `Certification`), the holder is named by an
/// `IdentityObject` of type `name` and by their candidate number (`systemId`); no ID document
/// number, email or score is ever written. Text is in the holder's language, named by
/// `inLanguage`.
public struct AchievementCredential: Sendable, Hashable {
    /// The JSON-LD contexts, in the order Open Badges 3.0 requires.
    public static let contexts = [
        "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]

    /// The credential's own id, e.g. `https://cert.example.org/credentials/CCCP-2026-000123-8`.
    public var id: String
    public var issuer: Issuer
    /// The credential number, also given as the credential's `name` suffix and the certificate.
    public var number: String
    public var holderName: String
    public var candidateNumber: String
    public var achievement: Achievement
    public var validFrom: Date
    public var validUntil: Date
    /// When the achievement was first awarded: the initial issue, kept by renewals and reissues.
    public var awardedDate: Date
    /// The `credentialStatus` entry (a Bitstring Status List entry).
    public var status: JSONValue?

    /// The issuing organisation as the credential names it.
    public struct Issuer: Sendable, Hashable {
        /// A URL or DID naming the organisation.
        public var id: String
        public var name: String
        public var url: String?

        public init(id: String, name: String, url: String? = nil) {
            self.id = id
            self.name = name
            self.url = url
        }

        /// The issuer as an Open Badges `Profile`.
        public var json: JSONValue {
            var members: [String: JSONValue] = ["id": .string(id), "type": .array([.string("Profile")]), "name": .string(name)]
            if let url { members["url"] = .string(url) }
            return .object(members)
        }
    }

    /// The certification the credential attests.
    public struct Achievement: Sendable, Hashable {
        public var id: String
        /// The track code, e.g. `CCCP`.
        public var code: String
        public var name: String
        public var description: String
        /// What it takes to earn it, in words.
        public var criteria: String
        /// BCP 47 tag of the text, e.g. `zh-Hant`.
        public var language: String

        public init(id: String, code: String, name: String, description: String, criteria: String, language: String) {
            self.id = id
            self.code = code
            self.name = name
            self.description = description
            self.criteria = criteria
            self.language = language
        }
    }

    public init(
        id: String, issuer: Issuer, number: String, holderName: String, candidateNumber: String, achievement: Achievement,
        validFrom: Date, validUntil: Date, awardedDate: Date, status: JSONValue?
    ) {
        self.id = id
        self.issuer = issuer
        self.number = number
        self.holderName = holderName
        self.candidateNumber = candidateNumber
        self.achievement = achievement
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.awardedDate = awardedDate
        self.status = status
    }

    /// The unsigned credential.
    public var json: JSONValue {
        func identity(_ type: String, _ value: String) -> JSONValue {
            .object([
                "type": .string("IdentityObject"), "identityType": .string(type), "hashed": .bool(false),
                "identityHash": .string(value),
            ])
        }
        let achievementJSON: JSONValue = .object([
            "id": .string(achievement.id), "type": .array([.string("Achievement")]),
            "achievementType": .string("Certification"), "humanCode": .string(achievement.code),
            "name": .string(achievement.name), "description": .string(achievement.description),
            "criteria": .object(["narrative": .string(achievement.criteria)]), "inLanguage": .string(achievement.language),
        ])
        var members: [String: JSONValue] = [
            "@context": .array(Self.contexts.map { .string($0) }),
            "id": .string(id),
            "type": .array([.string("VerifiableCredential"), .string("AchievementCredential")]),
            "name": .string("\(achievement.name) \(number)"),
            "issuer": issuer.json,
            "validFrom": .string(Self.timestamp(validFrom)),
            "validUntil": .string(Self.timestamp(validUntil)),
            "awardedDate": .string(Self.timestamp(awardedDate)),
            "credentialSubject": .object([
                "type": .array([.string("AchievementSubject")]),
                "identifier": .array([identity("name", holderName), identity("systemId", candidateNumber)]),
                "achievement": achievementJSON,
            ]),
        ]
        if let status { members["credentialStatus"] = status }
        return .object(members)
    }

    /// An XML Schema `dateTime` in UTC to the second, as credentials write them: `2026-11-23T09:30:00Z`.
    public static func timestamp(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }

    /// Reads a `dateTime` written by a credential (with or without fractional seconds or an offset).
    public static func date(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
