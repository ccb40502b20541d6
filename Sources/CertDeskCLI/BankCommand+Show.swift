import ArgumentParser
import CertDeskCore
import CertDeskStore
import CertDeskText

extension BankCommand {
    /// `certdesk bank show ID`: every version of a question, in all three languages.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: help("help.bank.show"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: argumentHelp("help.argument.question-id")) var id: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let store = try context.openStore()
                let versions = try store.questionVersions(id: id)
                guard !versions.isEmpty else {
                    let similar = try store.questionIDs(like: String(id.prefix(7)))
                    throw ProblemsError.error(
                        similar.isEmpty ? "bank.show.unknown" : "bank.show.unknown-similar",
                        ["id": id, "similar": similar.joined(separator: ", ")])
                }
                if output.json { return try Console.json(versions.map(QuestionVersionJSON.init)) }
                for stored in versions.reversed() { Self.print(stored, context: context) }
            }
        }

        static func print(_ stored: StoredQuestionVersion, context: CommandContext) {
            let question = stored.question
            Console.out(
                context.text(
                    stored.isCurrent ? "show.version.current" : "show.version.old",
                    [
                        "id": question.id, "version": String(stored.version), "date": String(stored.importedAt.prefix(19)),
                        "source": stored.source,
                    ]))
            Console.out(
                "  "
                    + context.text(
                        "show.facts",
                        [
                            "track": question.track, "module": question.module, "type": context.text("type.\(question.type.rawValue)"),
                            "difficulty": String(question.difficulty), "points": Self.number(question.points),
                        ]))
            if question.type.isChoice || !question.options.isEmpty {
                Console.out("  " + context.text(question.shuffle ? "show.shuffle.yes" : "show.shuffle.no"))
            }
            Console.out("  " + context.text("show.hash", ["hash": String(stored.contentHash.prefix(16))]))
            for language in Language.allCases {
                Console.out()
                Console.out("  [\(context.text("language.\(language.rawValue)"))]")
                block(question.stem, language, label: nil, context: context)
                for option in question.options {
                    let mark = option.correct ? "✓" : " "
                    block(option.text, language, label: "\(mark) \(option.id))", context: context)
                }
                switch question.answer {
                case .trueFalse(let value):
                    Console.out("    " + context.text("show.answer", ["answer": context.text(value ? "answer.true" : "answer.false")]))
                case .numeric(let value, let tolerance):
                    Console.out(
                        "    " + context.text("show.answer.numeric", ["value": Self.number(value), "tolerance": Self.number(tolerance)]))
                case .short(let accepted):
                    let answers = accepted[language] ?? accepted[language.otherChineseScript ?? language] ?? []
                    Console.out("    " + context.text("show.answer", ["answer": answers.joined(separator: " | ")]))
                case nil:
                    break
                }
                if let explanation = question.explanation {
                    block(explanation, language, label: context.text("show.explanation"), context: context)
                }
                if let rubric = question.rubric {
                    block(rubric, language, label: context.text("show.rubric"), context: context)
                }
            }
            Console.out()
        }

        private static func block(_ text: LocalizedText, _ language: Language, label: String?, context: CommandContext) {
            guard let value = text[language] else {
                Console.out("    " + context.text("show.missing-language"))
                return
            }
            let derived = text.derived.contains(language) ? " " + context.text("show.derived") : ""
            let prefix = label.map { $0 + " " } ?? ""
            let lines = LineBreaker.wrap(prefix + value + derived, width: 76)
            for line in lines { Console.out("    " + line) }
        }

        static func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
    }
}

/// One question version as `bank show --json` prints it.
struct QuestionVersionJSON: Encodable {
    var version: Int
    var current: Bool
    var contentHash: String
    var source: String
    var importedAt: String
    var derivedFields: [String]
    var question: Question

    init(_ stored: StoredQuestionVersion) {
        version = stored.version
        current = stored.isCurrent
        contentHash = stored.contentHash
        source = stored.source
        importedAt = stored.importedAt
        derivedFields = stored.derivedFields
        question = stored.question
    }
}
