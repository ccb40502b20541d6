import CertDeskCore
import CertDeskLocalization

/// The fixed wording of a certificate in one language, from the message catalogs.
struct CertificateLabels {
    let title: String
    let certifies: String
    let completed: String
    let credentialNumber: String
    let issued: String
    let expires: String
    let verify: String
    let code: String

    init(_ localizer: Localizer, _ language: Language) {
        let text = localizer.speaking(language)
        title = text.text("certificate.title")
        certifies = text.text("certificate.certifies")
        completed = text.text("certificate.completed")
        credentialNumber = text.text("certificate.number")
        issued = text.text("certificate.issued")
        expires = text.text("certificate.expires")
        verify = text.text("certificate.verify-at")
        code = text.text("certificate.code")
    }
}

/// Font choices: pango font descriptions (family and style, without size).
enum CertificateFonts {
    /// The serif family for a language: Noto Serif CJK TC/SC for Chinese, DejaVu Serif for English.
    static func serif(_ language: Language) -> String {
        switch language {
        case .english: "DejaVu Serif"
        case .traditionalChinese: "Noto Serif CJK TC"
        case .simplifiedChinese: "Noto Serif CJK SC"
        }
    }

    /// The family for text mixing the languages of a certificate: the Chinese one's CJK font
    /// (which covers Latin too), or English's when there is no Chinese.
    static func mixed(_ languages: [Language]) -> String {
        serif(languages.first(where: \.isChinese) ?? languages.first ?? .english)
    }
}
