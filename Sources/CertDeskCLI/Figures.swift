import ArgumentParser
import CertDeskCore
import Foundation

/// How scores, percentages and dates are written in listings, letters and reports.
enum Figures {
    /// A percentage with one decimal, e.g. `72.5`.
    static func percent(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A moment as `YYYY-MM-DD HH:MM` in the machine's time zone.
    static func clock(_ date: Date) -> String { ClockText.format(date, "yyyy-MM-dd HH:mm") }

    /// Points with up to two decimals and no trailing zeros, e.g. `7`, `7.5`, `7.25`.
    static func points(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// The outcome of a grade in the reader's language: pass, fail or provisional.
    static func outcome(_ grade: AttemptGrade?, _ context: CommandContext) -> String {
        guard let grade else { return context.text("result.state.ungraded") }
        switch grade.passed {
        case true?: return context.text("result.state.pass")
        case false?: return context.text("result.state.fail")
        case nil: return context.text("result.state.provisional", ["count": String(grade.awaitingMarking)])
        }
    }

    /// The outcome as a stable word for CSV and JSON: `pass`, `fail`, `provisional`.
    static func outcomeCode(_ grade: AttemptGrade?) -> String {
        guard let grade else { return "ungraded" }
        return grade.passed.map { $0 ? "pass" : "fail" } ?? "provisional"
    }

    /// A date as a reader of `language` writes it in a letter: `23 November 2026`, `2026年11月23日`.
    static func longDate(_ date: Date, _ language: Language, timeZone: TimeZone = .current) -> String {
        var style = Date.FormatStyle(date: .long, time: .omitted)
        style.locale = Locale(identifier: locale(language))
        style.timeZone = timeZone
        return date.formatted(style)
    }

    static func locale(_ language: Language) -> String {
        switch language {
        case .english: "en_GB"
        case .traditionalChinese: "zh_Hant_HK"
        case .simplifiedChinese: "zh_Hans_CN"
        }
    }
}

/// Comma-separated values as spreadsheets read them (RFC 4180), with stable English headers.
enum CSV {
    static func render(_ headers: [String], _ rows: [[String]]) -> String {
        ([headers] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// `--csv` beside `--json` for commands whose output is a table.
struct ExportOptions: ParsableArguments {
    @Flag(name: .long, help: argumentHelp("help.option.json")) var json = false
    @Flag(name: .long, help: argumentHelp("help.option.csv")) var csv = false
}
