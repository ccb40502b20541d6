import CertDeskCore
import CertDeskLocalization
import Testing

struct LanguageResolverTests {
    @Test(arguments: [
        ("zh_TW.UTF-8", Language.traditionalChinese), ("zh_HK.UTF-8", .traditionalChinese), ("zh_MO", .traditionalChinese),
        ("zh_CN.UTF-8", .simplifiedChinese), ("zh_SG", .simplifiedChinese), ("en_GB.UTF-8", .english),
        ("fr_FR.UTF-8", .english), ("C", .english),
    ])
    func posixLocaleChoosesLanguage(value: String, expected: Language) {
        #expect(LanguageResolver.resolve(flag: nil, environment: ["LANG": value]).0 == expected)
    }

    @Test func precedenceIsFlagThenCertdeskLangThenLCAllThenLCMessagesThenLang() {
        let environment = ["CERTDESK_LANG": "zh-Hans", "LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"]
        #expect(LanguageResolver.resolve(flag: "en", environment: environment).0 == .english)
        #expect(LanguageResolver.resolve(flag: nil, environment: environment).0 == .simplifiedChinese)
        #expect(LanguageResolver.resolve(flag: nil, environment: ["LC_ALL": "zh_TW", "LANG": "en_US"]).0 == .traditionalChinese)
        #expect(LanguageResolver.resolve(flag: nil, environment: ["LC_MESSAGES": "zh_HK", "LANG": "en_US"]).0 == .traditionalChinese)
    }

    @Test func unsupportedFlagFallsBackToEnglishAndIsReported() {
        let (language, rejected) = LanguageResolver.resolve(flag: "klingon", environment: [:])
        #expect(language == .english)
        #expect(rejected == "klingon")
    }
}
