import CertDeskCore

/// What a certificate says, already resolved to text: the renderer formats nothing itself.
public struct CertificateDocument: Sendable, Equatable {
    /// The languages the certificate is written in.
    public enum LanguageMode: Sendable, Equatable {
        /// One language throughout.
        case single(Language)
        /// Two languages: each label and title appears in `primary`, then in `secondary`.
        case bilingual(primary: Language, secondary: Language)

        /// The languages in display order.
        public var languages: [Language] {
            switch self {
            case .single(let language): [language]
            case .bilingual(let primary, let secondary): primary == secondary ? [primary] : [primary, secondary]
            }
        }
    }

    /// The holder's name in Latin script, Chinese script, or both (e.g. "Tai Man Chan" and "陳大文").
    public struct HolderName: Sendable, Equatable {
        public var latin: String?
        public var chinese: String?

        public init(latin: String? = nil, chinese: String? = nil) {
            self.latin = latin
            self.chinese = chinese
        }

        /// The name as printed: both scripts separated by two spaces, the primary language's first.
        public func display(primary: Language) -> String {
            let parts = [latin, chinese].compactMap { $0?.trimmed }.filter { !$0.isEmpty }
            return (primary.isChinese ? parts.reversed() : parts).joined(separator: "  ")
        }
    }

    public var holderName: HolderName
    /// The track (certification) title, for each language of `languageMode`.
    public var trackTitle: [Language: String]
    public var credentialNumber: String
    /// The issue date, formatted by the caller (e.g. "1 March 2025 / 2025年3月1日").
    public var issuedOn: String
    /// The expiry date, formatted by the caller; `nil` when the credential does not expire.
    public var expiresOn: String?
    /// The issuing organisation, printed at the top.
    public var issuer: String
    public var verificationCode: String
    /// Where to check the credential, e.g. "https://certdesk.example/verify".
    public var verificationURL: String?
    public var languageMode: LanguageMode

    public init(
        holderName: HolderName, trackTitle: [Language: String], credentialNumber: String, issuedOn: String,
        expiresOn: String? = nil, issuer: String, verificationCode: String, verificationURL: String? = nil,
        languageMode: LanguageMode
    ) {
        self.holderName = holderName
        self.trackTitle = trackTitle
        self.credentialNumber = credentialNumber
        self.issuedOn = issuedOn
        self.expiresOn = expiresOn
        self.issuer = issuer
        self.verificationCode = verificationCode
        self.verificationURL = verificationURL
        self.languageMode = languageMode
    }
}

extension String {
    var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
