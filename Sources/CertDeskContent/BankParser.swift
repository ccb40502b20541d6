import CertDeskCore
import Yams

/// A question read from a bank file, with where it came from.
public struct ParsedQuestion: Sendable {
    public var question: Question
    public var location: SourceLocation
    /// SHA-256 of the question's reviewed content.
    public var contentHash: String
    /// The fields whose text was derived by script conversion, e.g. `stem.zh-Hans`.
    public var derivedFields: [String]
}

/// Reads question-bank files (`question-banks/**/*.yaml`).
public enum BankParser {
    static let topKeys = ["track", "language", "questions"]
    static let questionKeys = [
        "id", "module", "type", "difficulty", "stem", "options", "answer", "explanation", "shuffle", "points",
        "scoring", "rubric",
    ]

    /// Parses one file; problems are gathered, never thrown.
    public static func parse(_ file: SourceFile) -> ([ParsedQuestion], [Problem]) {
        let (root, syntaxProblems) = YAMLDocument.root(of: file)
        guard let root else { return ([], syntaxProblems) }
        var reader = NodeReader(file: file.path)
        guard let fields = reader.fields(root, allowed: topKeys, context: "question bank") else { return ([], reader.problems) }
        if let languageNode = fields["language"] {
            reader.declaredLanguage = ContentRules.declaredLanguage(languageNode, reader: &reader)
        }
        let track = reader.string(reader.require(fields, "track"), field: "track").flatMap {
            ContentRules.trackCode($0, node: fields["track"], reader: &reader)
        }
        var questions: [ParsedQuestion] = []
        var seen: [String: SourceLocation] = [:]
        if let nodes = reader.sequence(reader.require(fields, "questions"), field: "questions") {
            if nodes.isEmpty { reader.error("content.bank.no-questions", at: fields["questions"]) }
            for node in nodes {
                guard let parsed = parseQuestion(node, track: track, reader: &reader) else { continue }
                if let first = seen[parsed.question.id] {
                    reader.error("content.question.duplicate-id", ["first": first.description], at: node, subject: parsed.question.id)
                    continue
                }
                seen[parsed.question.id] = parsed.location
                questions.append(parsed)
            }
        }
        let problems = syntaxProblems + reader.problems
        if problems.contains(where: { $0.severity == .error }) { return ([], problems) }
        return (questions, problems)
    }

    private static func parseQuestion(_ node: Node, track: String?, reader: inout NodeReader) -> ParsedQuestion? {
        guard let fields = reader.fields(node, allowed: questionKeys, context: "question") else { return nil }
        guard let id = reader.string(reader.require(fields, "id"), field: "id") else { return nil }
        guard ContentRules.isValidIdentifier(id) else {
            reader.error("content.id.invalid", ["id": id], at: fields["id"])
            return nil
        }
        let before = reader.problems.count
        let module = reader.string(reader.require(fields, "module"), field: "module", subject: id)
        var type: QuestionType?
        if let typeNode = reader.require(fields, "type"), let raw = reader.string(typeNode, field: "type", subject: id) {
            type = QuestionType(rawValue: raw)
            if type == nil {
                reader.error(
                    "content.question.unknown-type",
                    [
                        "type": raw, "allowed": QuestionType.allCases.map(\.rawValue).joined(separator: ", "),
                    ], at: typeNode, subject: id)
            }
        }
        let difficulty = reader.integer(reader.require(fields, "difficulty"), field: "difficulty", range: 1...5, subject: id)
        let stem = reader.localizedText(reader.require(fields, "stem"), field: "stem", subject: id)
        let explanation = reader.localizedText(fields["explanation"], field: "explanation", subject: id)
        let rubric = reader.localizedText(fields["rubric"], field: "rubric", subject: id)
        let points = fields["points"].map {
            reader.number($0, field: "points", minimum: 0, maximum: 1000, exclusiveMinimum: true, subject: id)
        }
        let shuffle = fields["shuffle"].map { reader.boolean($0, field: "shuffle", subject: id) }
        var scoring = MultipleScoring.partial
        if let scoringNode = fields["scoring"], let raw = reader.string(scoringNode, field: "scoring", subject: id) {
            if let value = MultipleScoring(rawValue: raw), type == .multiple {
                scoring = value
            } else {
                reader.error("content.question.bad-scoring", ["value": raw], at: scoringNode, subject: id)
            }
        }
        var options: [AnswerOption] = []
        var answer: AnswerKey?
        if let type {
            (options, answer) = parseKey(type: type, fields: fields, reader: &reader, id: id)
            if type == .essay, let answerNode = fields["answer"] {
                reader.error("content.question.essay-answer", [:], at: answerNode, subject: id)
            }
            if rubric != nil, type != .essay {
                reader.error("content.question.rubric-not-essay", [:], at: fields["rubric"], subject: id)
            }
        }
        guard reader.problems.count == before || !reader.problems[before...].contains(where: { $0.severity == .error }),
            let track, let module, let type, let difficulty, let stem
        else { return nil }
        let question = Question(
            id: id, track: track, module: module, type: type, difficulty: difficulty,
            points: (points ?? nil) ?? (type == .essay ? 10 : 1), shuffle: (shuffle ?? nil) ?? true, scoring: scoring,
            stem: stem, options: options, answer: answer, explanation: explanation, rubric: rubric)
        var derived: [String] = []
        func note(_ text: LocalizedText?, _ field: String) {
            for language in text?.derived.sorted() ?? [] { derived.append("\(field).\(language.rawValue)") }
        }
        note(stem, "stem")
        for option in options { note(option.text, "options.\(option.id)") }
        note(explanation, "explanation")
        note(rubric, "rubric")
        let location = reader.location(of: node)
        if !derived.isEmpty {
            reader.warning("content.text.derived", ["fields": derived.joined(separator: ", ")], at: node, subject: id)
        }
        return ParsedQuestion(question: question, location: location, contentHash: ContentHash.of(question), derivedFields: derived)
    }

    /// Options for choice questions, the answer key for the others, with their rules checked.
    private static func parseKey(type: QuestionType, fields: Fields, reader: inout NodeReader, id: String) -> ([AnswerOption], AnswerKey?) {
        let optionsNode = fields["options"]
        let answerNode = fields["answer"]
        switch type {
        case .single, .multiple:
            if let answerNode { reader.error("content.question.answer-on-choice", ["type": type.rawValue], at: answerNode, subject: id) }
            guard let node = reader.require(fields, "options") else { return ([], nil) }
            let options = parseOptions(node, reader: &reader, id: id)
            let correct = options.filter(\.correct).count
            guard !options.isEmpty else { return ([], nil) }
            if options.count < 2 {
                reader.error("content.option.too-few", ["count": String(options.count)], at: node, subject: id)
            } else if correct == 0 {
                reader.error("content.option.no-correct", [:], at: node, subject: id)
            } else if type == .single, correct > 1 {
                reader.error("content.option.single-several-correct", ["count": String(correct)], at: node, subject: id)
            }
            return (options, nil)
        case .trueFalse:
            if let optionsNode {
                if answerNode != nil { reader.error("content.question.options-and-answer", [:], at: optionsNode, subject: id) }
                let options = parseOptions(optionsNode, reader: &reader, id: id)
                if !options.isEmpty, options.count != 2 || options.filter(\.correct).count != 1 {
                    reader.error("content.option.true-false-shape", [:], at: optionsNode, subject: id)
                }
                return (options, nil)
            }
            guard let node = reader.require(fields, "answer"), let value = reader.boolean(node, field: "answer", subject: id) else {
                return ([], nil)
            }
            return ([], .trueFalse(value))
        case .short:
            if let optionsNode {
                reader.error("content.question.options-not-choice", ["type": type.rawValue], at: optionsNode, subject: id)
            }
            guard let node = reader.require(fields, "answer") else { return ([], nil) }
            return ([], parseShortAnswer(node, reader: &reader, id: id))
        case .numeric:
            if let optionsNode {
                reader.error("content.question.options-not-choice", ["type": type.rawValue], at: optionsNode, subject: id)
            }
            guard let node = reader.require(fields, "answer"),
                let answer = reader.fields(node, allowed: ["value", "tolerance"], context: "answer", subject: id),
                let value = reader.number(
                    reader.require(answer, "value"), field: "answer.value",
                    minimum: -Double.greatestFiniteMagnitude, subject: id)
            else { return ([], nil) }
            let tolerance = answer["tolerance"].map { reader.number($0, field: "answer.tolerance", minimum: 0, subject: id) } ?? 0
            guard let tolerance else { return ([], nil) }
            return ([], .numeric(value: value, tolerance: tolerance))
        case .essay:
            if let optionsNode {
                reader.error("content.question.options-not-choice", ["type": type.rawValue], at: optionsNode, subject: id)
            }
            return ([], nil)
        }
    }

    private static func parseOptions(_ node: Node, reader: inout NodeReader, id: String) -> [AnswerOption] {
        guard let nodes = reader.sequence(node, field: "options", subject: id) else { return [] }
        if nodes.isEmpty {
            reader.error("content.option.too-few", ["count": "0"], at: node, subject: id)
            return []
        }
        var options: [AnswerOption] = []
        var seen: Set<String> = []
        for optionNode in nodes {
            guard let fields = reader.fields(optionNode, allowed: ["id", "text", "correct"], context: "options", subject: id),
                let optionId = reader.string(reader.require(fields, "id"), field: "options.id", subject: id)
            else { continue }
            if !seen.insert(optionId).inserted {
                reader.error("content.option.duplicate-id", ["option": optionId], at: fields["id"], subject: id)
                continue
            }
            let text = reader.localizedText(reader.require(fields, "text"), field: "options.\(optionId).text", subject: id)
            let correct = reader.boolean(reader.require(fields, "correct"), field: "options.\(optionId).correct", subject: id)
            if let text, let correct { options.append(AnswerOption(id: optionId, text: text, correct: correct)) }
        }
        return options
    }

    private static func parseShortAnswer(_ node: Node, reader: inout NodeReader, id: String) -> AnswerKey? {
        var accepted: [Language: [String]] = [:]
        func strings(_ node: Node, field: String) -> [String]? {
            if case .scalar = node { return reader.string(node, field: field, subject: id).map { [$0] } }
            guard let items = reader.sequence(node, field: field, subject: id) else { return nil }
            let values = items.compactMap { reader.string($0, field: field, subject: id) }
            if values.isEmpty { reader.error("content.answer.empty", ["field": field], at: node, subject: id) }
            return values.isEmpty ? nil : values
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let tag = key.string, let language = Language(rawValue: tag) else {
                    reader.error("content.text.unknown-language", ["language": key.string ?? "?", "field": "answer"], at: key, subject: id)
                    continue
                }
                accepted[language] = strings(value, field: "answer.\(tag)")
            }
        default:
            guard let language = reader.declaredLanguage else {
                reader.error("content.text.plain-string", ["field": "answer"], at: node, subject: id)
                return nil
            }
            accepted[language] = strings(node, field: "answer")
        }
        if accepted.isEmpty { return nil }
        if reader.declaredLanguage == nil {
            let missing = Language.allCases.filter {
                accepted[$0] == nil && !(accepted[$0.otherChineseScript ?? $0] != nil && $0.isChinese)
            }
            if !missing.isEmpty {
                reader.error(
                    "content.text.missing-language", ["field": "answer", "languages": missing.map(\.rawValue).joined(separator: ", ")],
                    at: node, subject: id)
                return nil
            }
        }
        return .short(accepted)
    }
}
