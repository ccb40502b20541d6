import CertDeskCore

/// Grades a whole paper: each item by its rule, then raw score, percentage, per-module
/// breakdown and pass/fail against the pass mark.
///
/// - Voided items drop out of both the score and the points possible.
/// - Essays count only once marked (`marks`); until every essay is marked the grade is
///   *provisional* and has no pass/fail.
/// - A candidate passes when the percentage, unrounded, is at least the pass mark.
public enum AttemptGrader {
    /// One item of a paper to grade.
    public struct Item: Sendable {
        public var slot: Int
        public var question: Question
        public var version: Int
        public var answer: Answer?

        public init(slot: Int, question: Question, version: Int, answer: Answer?) {
            self.slot = slot
            self.question = question
            self.version = version
            self.answer = answer
        }
    }

    /// Grades `items`.
    ///
    /// - Parameters:
    ///   - marks: settled marks of essays, by slot (bounded to 0...points).
    ///   - voided: ids of questions withdrawn as faulty.
    ///   - passMark: percentage needed to pass.
    public static func grade(_ items: [Item], marks: [Int: SettledMark] = [:], voided: Set<String> = [], passMark: Double) -> AttemptGrade {
        var graded: [GradedItem] = []
        var modules: [String: ModuleScore] = [:]
        var moduleOrder: [String] = []
        for item in items {
            let question = item.question
            if !moduleOrder.contains(question.module) { moduleOrder.append(question.module) }
            if voided.contains(question.id) {
                graded.append(
                    GradedItem(
                        slot: item.slot, questionID: question.id, version: item.version, module: question.module,
                        points: question.points, state: .voided))
                continue
            }
            let state: GradedItem.State
            if let score = ItemScorer.score(question, item.answer) {
                state = .scored(score, mark: score.mark(outOf: question.points))
            } else if let settled = marks[item.slot] {
                state = .marked(min(max(settled.mark, 0), question.points), rule: settled.rule)
            } else if item.answer == nil || item.answer?.isBlank == true {
                // An unanswered essay earns nothing and needs no marker.
                state = .scored(ItemScore(fraction: 0, rule: "essay-blank"), mark: 0)
            } else {
                state = .awaitingMarking
            }
            let gradedItem = GradedItem(
                slot: item.slot, questionID: question.id, version: item.version, module: question.module, points: question.points,
                state: state)
            graded.append(gradedItem)
            modules[question.module, default: ModuleScore(module: question.module)].add(gradedItem)
        }
        let breakdown = moduleOrder.compactMap { modules[$0] }
        let raw = breakdown.reduce(0) { $0 + $1.raw }
        let possible = breakdown.reduce(0) { $0 + $1.possible }
        let percentage = possible > 0 ? raw / possible * 100 : 0
        let provisional = graded.contains { $0.state == .awaitingMarking }
        return AttemptGrade(
            items: graded, modules: breakdown, raw: raw, possible: possible, percentage: percentage, passMark: passMark,
            provisional: provisional, passed: provisional ? nil : percentage + 1e-9 >= passMark)
    }
}
