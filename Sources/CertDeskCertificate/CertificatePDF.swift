import CPDFShim
import CertDeskCore
import CertDeskLocalization

/// Why a certificate could not be written.
public enum CertificatePDFError: Error, Equatable, CustomStringConvertible {
    /// A field the certificate needs is empty or missing for one of its languages.
    case missingText(field: String, language: Language?)
    /// The file could not be created.
    case cannotCreate(path: String)
    /// cairo or pango reported an error while drawing or writing.
    case renderFailed(String)

    public var description: String {
        switch self {
        case .missingText(let field, let language):
            "certificate field '\(field)' is empty" + (language.map { " for \($0.tag)" } ?? "")
        case .cannotCreate(let path): "cannot create PDF at \(path)"
        case .renderFailed(let message): "rendering the certificate failed: \(message)"
        }
    }
}

/// Writes a certificate as a one-page A4 landscape PDF through cairo and pango, with the fonts
/// subset-embedded.
public enum CertificatePDF {
    /// A4 landscape, in points.
    public static let pageWidth = 842.0
    public static let pageHeight = 595.0

    static let ink: UInt32 = 0x1A_1A1A
    static let accent: UInt32 = 0x1F_3A5F
    static let muted: UInt32 = 0x55_5555

    /// The cairo and pango versions in use.
    public static var libraryVersions: String { String(cString: cpdf_versions()) }

    /// Renders `document` to a PDF file at `path`, replacing any file there; the fixed wording
    /// comes from `localizer`'s catalogs in each of the certificate's languages.
    public static func render(_ document: CertificateDocument, wording localizer: Localizer, to path: String) throws {
        try validate(document)
        let languages = document.languageMode.languages
        let primary = languages[0]
        let labels = languages.map { CertificateLabels(localizer, $0) }
        let mixed = CertificateFonts.mixed(languages)
        func both(_ part: (CertificateLabels) -> String, separator: String = "  ") -> String {
            labels.map(part).joined(separator: separator)
        }

        guard let doc = cpdf_begin(path, pageWidth, pageHeight, both(\.title, separator: " · "), document.issuer) else {
            throw CertificatePDFError.cannotCreate(path: path)
        }
        var page = Page(doc: doc)

        // Border: a heavy outer frame and a thin inner one.
        page.rect(inset: 22, lineWidth: 2.5, colour: accent)
        page.rect(inset: 30, lineWidth: 0.75, colour: accent)

        let left = 70.0
        let width = pageWidth - 2 * left
        var y = 52.0

        y += page.text(document.issuer.trimmed, font: mixed, size: 13, x: left, y: y, width: width, colour: muted) + 16

        // Title: the primary language large, the secondary smaller beneath.
        for (index, language) in languages.enumerated() {
            let size = index == 0 ? 32.0 : 20.0
            let font = CertificateFonts.serif(language) + " Bold"
            y += page.text(labels[index].title, font: font, size: size, x: left, y: y, width: width, colour: accent) + 2
        }
        y += 14
        y += page.text(both(\.certifies), font: mixed, size: 13, x: left, y: y, width: width, colour: muted) + 10

        let name = document.holderName.display(primary: primary)
        // A Chinese name is set in a Chinese serif even on an English certificate, never left to font fallback.
        let nameFont =
            document.holderName.chinese == nil ? mixed : CertificateFonts.serif(languages.first(where: \.isChinese) ?? .traditionalChinese)
        y += page.text(name, font: nameFont + " Bold", size: 34, x: left, y: y, width: width, colour: ink) + 4
        page.line(y: y, from: pageWidth / 2 - 180, to: pageWidth / 2 + 180, lineWidth: 0.75, colour: accent)
        y += 12

        y += page.text(both(\.completed), font: mixed, size: 13, x: left, y: y, width: width, colour: muted) + 8
        for (index, language) in languages.enumerated() {
            let title = document.trackTitle[language]!.trimmed
            let size = index == 0 ? 20.0 : 16.0
            y += page.text(title, font: CertificateFonts.serif(language), size: size, x: left, y: y, width: width, colour: ink) + 4
        }

        // Details and verification, anchored to the bottom of the frame.
        var details = [
            "\(both(\.credentialNumber, separator: " / ")): \(document.credentialNumber.trimmed)",
            "\(both(\.issued, separator: " / ")): \(document.issuedOn.trimmed)",
        ]
        if let expires = document.expiresOn?.trimmed, !expires.isEmpty {
            details.append("\(both(\.expires, separator: " / ")): \(expires)")
        }
        var verification = "\(both(\.code, separator: " / ")): \(document.verificationCode.trimmed)"
        if let url = document.verificationURL?.trimmed, !url.isEmpty {
            verification = "\(both(\.verify, separator: " / ")): \(url)    " + verification
        }
        let detailText = details.joined(separator: "\n")
        let verificationHeight = page.measure(verification, font: mixed, size: 10, width: width)
        let detailHeight = page.measure(detailText, font: mixed, size: 12, width: width, lineSpacing: 1.3)
        let verificationY = pageHeight - 48 - verificationHeight
        let detailY = max(y + 8, verificationY - 14 - detailHeight)
        _ = page.text(detailText, font: mixed, size: 12, x: left, y: detailY, width: width, lineSpacing: 1.3, colour: ink)
        _ = page.text(verification, font: mixed, size: 10, x: left, y: verificationY, width: width, colour: muted)

        var message = [CChar](repeating: 0, count: 256)
        let status = cpdf_end(doc, &message, message.count)
        if status != 0 || page.failed {
            let text = String(decoding: message.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw CertificatePDFError.renderFailed(text.isEmpty ? "drawing failed" : text)
        }
    }

    static func validate(_ document: CertificateDocument) throws {
        if document.holderName.display(primary: .english).isEmpty {
            throw CertificatePDFError.missingText(field: "holderName", language: nil)
        }
        for language in document.languageMode.languages where (document.trackTitle[language]?.trimmed ?? "").isEmpty {
            throw CertificatePDFError.missingText(field: "trackTitle", language: language)
        }
        let required = [
            ("credentialNumber", document.credentialNumber), ("issuedOn", document.issuedOn), ("issuer", document.issuer),
            ("verificationCode", document.verificationCode),
        ]
        for (field, value) in required where value.trimmed.isEmpty {
            throw CertificatePDFError.missingText(field: field, language: nil)
        }
    }
}

/// Thin wrapper over the C drawing calls, centred text in a fixed box.
private struct Page {
    let doc: OpaquePointer
    var failed = false

    mutating func text(
        _ text: String, font: String, size: Double, x: Double, y: Double, width: Double, lineSpacing: Double = 0,
        colour: UInt32
    ) -> Double {
        let height = cpdf_text(doc, text, font, size, Int32(CPDF_ALIGN_CENTER), x, y, width, lineSpacing, colour, 1)
        if height < 0 { failed = true }
        return max(height, 0)
    }

    func measure(_ text: String, font: String, size: Double, width: Double, lineSpacing: Double = 0) -> Double {
        max(cpdf_text(doc, text, font, size, Int32(CPDF_ALIGN_CENTER), 0, 0, width, lineSpacing, 0, 0), 0)
    }

    mutating func rect(inset: Double, lineWidth: Double, colour: UInt32) {
        let w = CertificatePDF.pageWidth - 2 * inset
        let h = CertificatePDF.pageHeight - 2 * inset
        if cpdf_rect(doc, inset, inset, w, h, lineWidth, colour) != 0 { failed = true }
    }

    mutating func line(y: Double, from x1: Double, to x2: Double, lineWidth: Double, colour: UInt32) {
        if cpdf_line(doc, x1, y, x2, y, lineWidth, colour) != 0 { failed = true }
    }
}
