import CertDeskCore

/// The fixed wording of a certificate, per language.
struct CertificateLabels {
    let title: String
    let certifies: String
    let completed: String
    let credentialNumber: String
    let issued: String
    let expires: String
    let verify: String
    let code: String

    static func of(_ language: Language) -> CertificateLabels {
        switch language {
        case .english:
            CertificateLabels(
                title: "Certificate", certifies: "This is to certify that", completed: "has successfully completed",
                credentialNumber: "Credential number", issued: "Issued", expires: "Expires", verify: "Verify at",
                code: "Verification code")
        case .traditionalChinese:
            CertificateLabels(
                title: "證書", certifies: "茲證明", completed: "已成功完成", credentialNumber: "證書編號",
                issued: "發出日期", expires: "有效期至", verify: "核實網址", code: "核實碼")
        case .simplifiedChinese:
            CertificateLabels(
                title: "证书", certifies: "兹证明", completed: "已成功完成", credentialNumber: "证书编号",
                issued: "颁发日期", expires: "有效期至", verify: "验证网址", code: "验证码")
        }
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
