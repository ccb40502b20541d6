import CertDeskCore
import CertDeskGrading
import CertDeskStore
import Foundation

/// Reports for trainers and administrators: item analysis of a track and a sitting's summary.
public struct ReportDesk: Sendable {
    let store: Store
    let grading: GradingDesk

    public init(store: Store, operatorName: String, now: @escaping @Sendable () -> Date) {
        self.store = store
        grading = GradingDesk(store: store, operatorName: operatorName, now: now)
    }

    // MARK: Item analysis

    /// An item analysis with what a reader needs to act on it.
    public struct ItemReport: Sendable {
        public var track: String
        public var sittings: [String]
        /// Statistics keyed by `id@version`: each question version is analysed on its own,
        /// since a new version may change its key or options.
        public var analysis: ItemAnalysisReport
        /// The question versions analysed, by `id@version`.
        public var questions: [String: Question]
        /// Voided question ids (reported, not analysed).
        public var voided: Set<String>
    }

    /// Item analysis of a track's graded attempts, or of one sitting's.
    ///
    /// Voided items and essays still awaiting marking are left out of every attempt's items
    /// and totals. Attempts are graded first where grading is pending.
    /// - Throws: `session.unknown`, `report.wrong-track`, `report.no-submissions`.
    public func items(track: String, sitting: String?) throws -> ItemReport {
        let sittings = try sitting.map { [$0] } ?? store.sittingIDs(track: track)
        var attempts: [AnalysedAttempt] = []
        var keys: Set<String> = []
        var graded: [(ResultEntry, AttemptGrade)] = []
        var voided: Set<String> = []
        for id in sittings {
            let results = try grading.results(sitting: id)
            guard results.sitting.track == track else {
                throw ProblemsError.error("report.wrong-track", ["session": id, "track": track, "other": results.sitting.track])
            }
            for entry in results.entries where entry.submission != nil {
                guard let grade = entry.grade?.grade else { continue }
                graded.append((entry, grade))
                for item in grade.items {
                    if item.state == .voided { voided.insert(item.questionID) } else { keys.insert(Self.key(item)) }
                }
            }
        }
        guard !graded.isEmpty else {
            throw ProblemsError.error("report.no-submissions", ["scope": sitting ?? track])
        }
        let questions = try store.questions(versions: keys)
        for (entry, grade) in graded {
            let items = grade.items.compactMap { item -> AnalysedItem? in
                guard let mark = item.mark, item.state != .voided else { return nil }
                let question = questions[Self.key(item)]
                var choices: [String]?
                if let question, question.type.isChoice || question.type == .trueFalse {
                    if case .choices(let ids)? = entry.answers[item.slot] { choices = ids } else { choices = [] }
                }
                return AnalysedItem(questionID: Self.key(item), points: item.points, mark: mark, choices: choices)
            }
            attempts.append(AnalysedAttempt(id: entry.attemptID ?? 0, items: items))
        }
        var analysed: [String: AnalysedQuestion] = [:]
        for (key, question) in questions {
            let optionIDs =
                question.type == .trueFalse && question.options.isEmpty
                ? [TrueFalseOption.trueID, TrueFalseOption.falseID] : question.options.map(\.id)
            analysed[key] = AnalysedQuestion(id: key, optionIDs: optionIDs, keyed: ItemScorer.correctIDs(question))
        }
        return ItemReport(
            track: track, sittings: sittings, analysis: ItemAnalysis.analyse(attempts, questions: analysed), questions: questions,
            voided: voided)
    }

    static func key(_ item: GradedItem) -> String { "\(item.questionID)@\(item.version)" }

    // MARK: Session report

    /// A sitting at a glance: attendance, pass rate, score spread and module averages.
    public struct SessionReport: Sendable, Codable {
        public var session: String
        public var track: String
        public var trackTitle: LocalizedText
        public var startsAt: Date
        public var centre: String
        public var passMark: Double
        public var released: Bool
        public var registered: Int
        /// Candidates who started (submitted or not).
        public var sat: Int
        public var absent: Int
        public var inProgress: Int
        /// Results with pass/fail.
        public var final: Int
        /// Results waiting for essay marks (not counted in the pass rate).
        public var provisional: Int
        public var passed: Int
        /// passed ÷ final, `nil` with no final result.
        public var passRate: Double?
        /// Of the percentages of every graded attempt, provisional ones included.
        public var scores: ScoreSummary?
        public var histogram: ScoreHistogram
        public var modules: [ModuleAverage]
    }

    /// The mean percentage of one module across a sitting's graded attempts.
    public struct ModuleAverage: Sendable, Codable {
        public var module: String
        public var title: LocalizedText
        public var candidates: Int
        public var mean: Double
    }

    /// The report of one sitting.
    ///
    /// - Throws: `session.unknown`, `report.no-submissions`.
    public func session(_ sittingID: String) throws -> SessionReport {
        let results = try grading.results(sitting: sittingID)
        let graded = results.entries.compactMap { entry in entry.submission == nil ? nil : entry.grade?.grade }
        guard !graded.isEmpty else { throw ProblemsError.error("report.no-submissions", ["scope": sittingID]) }
        let final = graded.filter { $0.passed != nil }
        let passed = final.filter { $0.passed == true }.count
        var modules: [ModuleAverage] = []
        for module in results.curriculum.modules {
            let scores = graded.compactMap { grade in grade.modules.first { $0.module == module.id && $0.possible > 0 } }
            guard !scores.isEmpty else { continue }
            modules.append(
                ModuleAverage(
                    module: module.id, title: module.title, candidates: scores.count,
                    mean: scores.reduce(0) { $0 + $1.percentage } / Double(scores.count)))
        }
        let percentages = graded.map(\.percentage)
        return SessionReport(
            session: results.sitting.id, track: results.sitting.track, trackTitle: results.curriculum.title,
            startsAt: results.sitting.startsAt, centre: results.sitting.centre,
            passMark: results.curriculum.exam.passMark, released: results.released != nil, registered: results.entries.count,
            sat: results.entries.filter { $0.attemptID != nil }.count, absent: results.entries.filter { $0.attemptID == nil }.count,
            inProgress: results.entries.filter { $0.attemptID != nil && $0.submission == nil }.count, final: final.count,
            provisional: graded.count - final.count, passed: passed,
            passRate: final.isEmpty ? nil : Double(passed) / Double(final.count), scores: ScoreSummary.of(percentages),
            histogram: ScoreHistogram(percentages: percentages), modules: modules)
    }
}
