import CertDeskCore
import CertDeskExam
import CertDeskGrading
import CertDeskLocalization
import Foundation

/// Practice questions with immediate feedback: the key and the explanation after each answer.
///
/// Nothing is saved: practice is for learning, and no result is recorded anywhere.
public struct PracticeRoom {
    let questions: [Question]
    let presenter: ItemPresenter
    let input: LineInput
    let output: (String) -> Void
    var language: Language

    public init(
        questions: [Question], localizer: Localizer, input: LineInput, output: @escaping (String) -> Void = StandardOutput.line
    ) {
        self.questions = questions
        presenter = ItemPresenter(localizer: localizer)
        self.input = input
        self.output = output
        language = localizer.language
    }

    var text: Localizer { presenter.localizer }

    /// Asks every question in turn; returns (correct, scored) counts.
    @discardableResult
    public mutating func run(seed: UInt64) -> (correct: Int, scored: Int) {
        var generator = SeededGenerator(seed: seed)
        var correct = 0
        var scored = 0
        output(text.text("practice.intro", ["count": String(questions.count)]))
        // Orders are drawn once, so switching language shows the same letters.
        let orders = questions.map { question in
            question.shuffle ? generator.shuffled(question.options.map(\.id)) : question.options.map(\.id)
        }
        var index = 0
        while index < questions.count {
            let question = questions[index]
            let order = orders[index]
            let item = SheetItem(
                slot: index + 1, questionID: question.id, version: 0, type: question.type, points: question.points,
                moduleTitle: LocalizedText([.english: question.module]), stem: question.stem,
                options: SheetItem.options(for: question, order: order))
            show(item, number: index + 1)
            guard case .line(let line) = input.next(timeout: 24 * 3600) else { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == ":q" { break }
            if trimmed.hasPrefix(":l") {
                let tag = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
                if let chosen = Language(lenientTag: tag) {
                    language = chosen
                } else if let position = Language.allCases.firstIndex(of: language) {
                    language = Language.allCases[(position + 1) % Language.allCases.count]
                }
                continue
            }
            let answer: Answer?
            if trimmed.isEmpty {
                answer = nil
            } else {
                do {
                    answer = try AnswerParser.parse(trimmed, for: item)
                } catch let error as ProblemsError {
                    for problem in error.problems { output(presenter.explain(problem)) }
                    continue
                } catch {
                    continue
                }
            }
            if let score = ItemScorer.score(question, answer) {
                scored += 1
                if score.isCorrect { correct += 1 }
                let key = score.isCorrect ? "practice.correct" : score.fraction > 0 ? "practice.partly" : "practice.incorrect"
                output(text.text(key, ["key": keyText(question, item), "percent": String(Int((score.fraction * 100).rounded()))]))
            } else if let rubric = question.rubric {
                output(text.text("practice.rubric"))
                output(rubric.best(for: language))
            }
            if let explanation = question.explanation {
                output(text.text("practice.explanation", ["text": explanation.best(for: language)]))
            }
            index += 1
        }
        output(text.text("practice.summary", ["correct": String(correct), "scored": String(scored)]))
        output(text.text("practice.seed", ["seed": String(seed)]))
        return (correct, scored)
    }

    private func show(_ item: SheetItem, number: Int) {
        output("")
        output(
            [
                text.text("practice.position", ["number": String(number), "count": String(questions.count)]), item.questionID,
                presenter.points(item),
            ].joined(separator: " · "))
        output(presenter.stem(item, in: language))
        for option in item.options { output("  \(option.label). \(presenter.optionText(option, in: language))") }
        output(presenter.instruction(item))
        output(text.text("practice.prompt"))
    }

    /// The key as the candidate saw it: option letters, or the accepted answer or number.
    private func keyText(_ question: Question, _ item: SheetItem) -> String {
        let correct = ItemScorer.correctIDs(question)
        if !item.options.isEmpty { return item.options.filter { correct.contains($0.id) }.map(\.label).joined(separator: ", ") }
        switch question.answer {
        case .short(let accepted)?:
            return (accepted[language] ?? accepted.values.first ?? []).joined(separator: " / ")
        case .numeric(let value, let tolerance)?:
            return tolerance > 0 ? "\(value) ± \(tolerance)" : "\(value)"
        default:
            return ""
        }
    }
}
