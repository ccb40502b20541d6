import CertDeskCertificate
import CertDeskCore
import CertDeskLocalization
import Foundation
import Testing

@Suite(
    .enabled(
        if: Poppler.isInstalled,
        "poppler-utils (pdffonts, pdftotext, pdfinfo, pdftoppm) is not installed; run scripts/install-dependencies --test"))
final class CertificatePDFTests {
    /// A fresh folder per test, removed afterwards.
    let folder: String

    init() throws { folder = try Poppler.temporaryFolder() }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    static let bilingualHant = CertificateDocument(
        holderName: .init(latin: "Tai Man Chan", chinese: "陳大文"),
        trackTitle: [
            .english:
                "Certified Customer Care Professional — Advanced Complaint Handling and Service Recovery in Multilingual Contact Centres",
            .traditionalChinese: "認證客戶服務專業人員——多語言聯絡中心的進階投訴處理及服務補救",
        ],
        credentialNumber: "CD-2025-000123",
        issuedOn: "1 March 2025 / 2025年3月1日",
        expiresOn: "28 February 2028 / 2028年2月28日",
        issuer: "CertDesk Training Institute 證書台培訓學院",
        verificationCode: "7KQ2-M9XD",
        verificationURL: "https://certdesk.example/verify",
        languageMode: .bilingual(primary: .english, secondary: .traditionalChinese))

    static let simplified = CertificateDocument(
        holderName: .init(chinese: "李小龙"),
        trackTitle: [.simplifiedChinese: "认证客户服务专员"],
        credentialNumber: "CD-2025-000456",
        issuedOn: "2025年3月1日",
        issuer: "证书台培训学院",
        verificationCode: "P4TT-2WQA",
        languageMode: .single(.simplifiedChinese))

    static let samples = ["bilingual zh-Hant": bilingualHant, "zh-Hans": simplified]

    /// The shipped catalogs, which hold the certificate's fixed wording.
    static let wording: Localizer = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path
        return try! Localizer.load(language: .english, localesDirectory: root + "/locales")
    }()

    /// Renders into the test's folder and returns the PDF's path.
    func render(_ document: CertificateDocument) throws -> String {
        let path = folder + "/\(UUID().uuidString).pdf"
        try CertificatePDF.render(document, wording: Self.wording, to: path)
        return path
    }

    /// The text pdftotext extracts, with all whitespace removed (pango may wrap anywhere).
    func compactText(_ path: String) throws -> String {
        try Poppler.run("pdftotext", ["-enc", "UTF-8", path, "-"]).filter { !$0.isWhitespace }
    }

    /// pdffonts rows whose name contains `family`, each with its "emb sub" columns.
    func fontRows(_ path: String, containing family: String) throws -> [(embedded: Bool, subset: Bool, unicode: Bool)] {
        try Poppler.run("pdffonts", [path]).split(separator: "\n").dropFirst(2).compactMap { line in
            guard line.contains(family) else { return nil }
            // Columns from the right: object id, generation, uni, sub, emb.
            let fields = line.split(separator: " ")
            guard fields.count >= 6 else { return nil }
            return (fields[fields.count - 5] == "yes", fields[fields.count - 4] == "yes", fields[fields.count - 3] == "yes")
        }
    }

    @Test func bilingualCertificateEmbedsTheTraditionalChineseFontAsSubset() throws {
        let path = try render(Self.bilingualHant)
        let all = try Poppler.run("pdffonts", [path])
        let rows = try fontRows(path, containing: "NotoSerifCJK")
        #expect(!rows.isEmpty, "no Noto Serif CJK font in:\n\(all)")
        #expect(rows.allSatisfy { $0.embedded && $0.subset && $0.unicode }, "\(all)")
        #expect(all.contains("NotoSerifCJKtc"), "Traditional Chinese text should use Noto Serif CJK TC:\n\(all)")
        #expect(!all.contains("NotoSerifCJKsc"), "no Simplified Chinese font in a Traditional certificate:\n\(all)")
    }

    @Test func bilingualCertificateTextComesBack() throws {
        let text = try compactText(try render(Self.bilingualHant))
        for expected in [
            "Certificate", "證書", "Thisistocertifythat", "茲證明", "TaiManChan", "陳大文", "CertifiedCustomerCareProfessional",
            "認證客戶服務專業人員", "CD-2025-000123", "1March2025", "2025年3月1日", "2028年2月28日", "7KQ2-M9XD",
            "https://certdesk.example/verify", "CertDeskTrainingInstitute",
        ] {
            #expect(text.contains(expected), "\(expected) missing from the extracted text:\n\(text)")
        }
    }

    @Test func simplifiedChineseCertificateUsesTheSimplifiedFont() throws {
        let path = try render(Self.simplified)
        let fonts = try Poppler.run("pdffonts", [path])
        #expect(fonts.contains("NotoSerifCJKsc"), "Simplified Chinese text should use Noto Serif CJK SC:\n\(fonts)")
        #expect(!fonts.contains("NotoSerifCJKtc"), "\(fonts)")
        #expect(try fontRows(path, containing: "NotoSerifCJK").allSatisfy { $0.embedded && $0.subset && $0.unicode })
        let text = try compactText(path)
        for expected in ["证书", "兹证明", "李小龙", "认证客户服务专员", "证书编号", "CD-2025-000456", "2025年3月1日", "P4TT-2WQA"] {
            #expect(text.contains(expected), "\(expected) missing from the extracted text:\n\(text)")
        }
        #expect(!text.contains("有效期至"), "no expiry date was given")
    }

    @Test(arguments: ["bilingual zh-Hant", "zh-Hans"])
    func pageIsA4Landscape(_ sample: String) throws {
        let info = try Poppler.run("pdfinfo", [try render(Self.samples[sample]!)])
        func field(_ name: String) -> String? {
            info.split(separator: "\n").first { $0.hasPrefix(name + ":") }.map {
                $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
            }
        }
        #expect(field("Page size")?.hasPrefix("842 x 595 pts") == true, "\(info)")
        #expect(field("Pages") == "1", "\(info)")
    }

    @Test(arguments: ["bilingual zh-Hant", "zh-Hans"])
    func rendersToANonBlankImage(_ sample: String) throws {
        let path = try render(Self.samples[sample]!)
        try Poppler.run("pdftoppm", ["-png", "-r", "50", "-singlefile", path, folder + "/page"])
        let png = try FileManager.default.attributesOfItem(atPath: folder + "/page.png")[.size] as? Int ?? 0
        // A blank 585 × 413 page compresses to about 1 KB; the certificate is many times that.
        #expect(png > 8_000, "page.png is only \(png) bytes")

        // The same page as a raw greyscale image: count the pixels that are clearly not white.
        try Poppler.run("pdftoppm", ["-gray", "-r", "50", "-singlefile", path, folder + "/page"])
        let pgm = try Data(contentsOf: URL(fileURLWithPath: folder + "/page.pgm"))
        let header = String(decoding: pgm.prefix(20), as: UTF8.self).split(whereSeparator: \.isWhitespace)
        // "P5 width height 255": about 585 × 413 pixels for 842 × 595 pt at 50 dpi.
        #expect(header.count >= 4 && header[0] == "P5" && header[3] == "255", "unexpected header \(header)")
        let width = header.count >= 4 ? Int(header[1]) ?? 0 : 0
        let height = header.count >= 4 ? Int(header[2]) ?? 0 : 0
        #expect((584...586).contains(width) && (412...414).contains(height), "image is \(width) × \(height)")
        #expect(width > height, "landscape")
        let pixels = pgm.suffix(width * height)
        let dark = pixels.reduce(0) { $0 + ($1 < 160 ? 1 : 0) }
        #expect(dark > pixels.count / 100, "only \(dark) of \(pixels.count) pixels are dark")
    }

    @Test func missingTrackTitleForALanguageIsRejected() throws {
        var document = Self.bilingualHant
        document.trackTitle[.traditionalChinese] = " "
        let path = folder + "/certificate.pdf"
        #expect(throws: CertificatePDFError.missingText(field: "trackTitle", language: .traditionalChinese)) {
            try CertificatePDF.render(document, wording: Self.wording, to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func unwritablePathIsReported() {
        #expect(throws: CertificatePDFError.self) {
            try CertificatePDF.render(Self.simplified, wording: Self.wording, to: "/nonexistent-folder/certificate.pdf")
        }
    }

    @Test func holderNameOrderFollowsThePrimaryLanguage() {
        let name = CertificateDocument.HolderName(latin: "Tai Man Chan", chinese: "陳大文")
        #expect(name.display(primary: .english) == "Tai Man Chan  陳大文")
        #expect(name.display(primary: .traditionalChinese) == "陳大文  Tai Man Chan")
        #expect(CertificateDocument.HolderName(latin: " Ann Lee ").display(primary: .english) == "Ann Lee")
    }
}
