import CertDeskCore
import CertDeskStore
import CertDeskText
import Foundation

/// The letter telling a candidate their result, in the candidate's language.
///
/// Plain text laid out for a printed page (76 columns); the certificate work prints it as PDF.
enum ResultLetter {
    /// The letter for a graded attempt; in the candidate's preferred language unless `--lang` was given.
    static func render(_ input: GradingInput, _ grade: AttemptGrade, dated: Date, context: CommandContext, explicitLanguage: Bool) -> String
    {
        let attempt = input.attempt
        let language = explicitLanguage ? context.localizer.language : attempt.candidate.language
        let text = context.localizer.speaking(language)
        let name = attempt.candidate.displayName(for: language)
        let track = attempt.trackTitle.best(for: language)
        let zone = TimeZone(identifier: attempt.sitting.timeZone) ?? .current
        let sat = Figures.longDate(attempt.sitting.startsAt, language, timeZone: zone)
        var lines: [String] = []
        func paragraph(_ key: String, _ arguments: [String: String] = [:]) {
            lines += LineBreaker.wrap(text.text(key, arguments), width: 76)
            lines.append("")
        }
        lines.append(text.text("letter.title"))
        lines.append(Figures.longDate(dated, language, timeZone: zone))
        lines.append("")
        lines.append(name)
        lines.append(text.text("letter.number", ["number": attempt.candidate.number]))
        lines.append("")
        paragraph("letter.subject", ["track": track, "code": attempt.sitting.track, "session": attempt.sitting.id])
        paragraph("letter.greeting", ["name": name])
        let facts = ["track": track, "date": sat, "centre": attempt.sitting.centre]
        paragraph(grade.passed == true ? "letter.passed" : "letter.failed", facts)
        paragraph(
            "letter.score",
            [
                "raw": Figures.points(grade.raw), "possible": Figures.points(grade.possible),
                "percentage": Figures.percent(grade.percentage),
                "pass": Figures.points(grade.passMark),
            ])
        let voided = grade.items.filter { $0.state == .voided }.count
        if voided > 0 { paragraph("letter.voided", ["count": String(voided)]) }
        lines.append(text.text("letter.modules"))
        let titles = Dictionary(attempt.items.map { ($0.question.module, $0.moduleTitle) }, uniquingKeysWith: { first, _ in first })
        let labels = grade.modules.map { module in "\(module.module) \(titles[module.module]?.best(for: language) ?? "")" }
        let width = min(60, labels.map(TextWidth.of).max() ?? 0)
        for (module, label) in zip(grade.modules, labels) {
            let shown = TextWidth.of(label) > width ? String(label.prefix(width - 1)) + "…" : label
            lines.append(
                "  " + TextWidth.pad(shown, to: width, alignRight: false) + "  "
                    + TextWidth.pad(Figures.percent(module.percentage) + "%", to: 6, alignRight: true))
        }
        lines.append("")
        paragraph(grade.passed == true ? "letter.next.passed" : "letter.next.failed")
        paragraph("letter.questions", ["number": attempt.candidate.number, "session": attempt.sitting.id])
        lines.append(text.text("letter.signature"))
        return lines.joined(separator: "\n")
    }
}
