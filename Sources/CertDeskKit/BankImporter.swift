import CertDeskContent
import CertDeskCore
import CertDeskStore
import Foundation

/// Imports question-bank files: validates everything, then writes new versions in one transaction.
///
/// Unchanged questions are left alone; a changed question gets a new version and the old one
/// stays, because past and running exams point at exactly the version a candidate saw.
public struct BankImporter: Sendable {
    let store: Store
    let operatorName: String
    let now: @Sendable () -> Date

    public init(store: Store, operatorName: String, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.operatorName = operatorName
        self.now = now
    }

    /// Imports the banks at `paths` (files or folders, searched recursively).
    ///
    /// - Throws: `ProblemsError` with every error and warning found; the store is then unchanged.
    public func importBanks(paths: [String], dryRun: Bool = false) throws -> LoadReport {
        let (files, fileProblems) = SourceFile.gather(paths)
        var problems = fileProblems
        var parsed: [ParsedQuestion] = []
        var firstSeen: [String: SourceLocation] = [:]
        for file in files {
            let (questions, fileProblems) = BankParser.parse(file)
            problems += fileProblems
            for item in questions {
                if let first = firstSeen[item.question.id] {
                    problems.append(
                        .error("content.question.duplicate-id", ["first": first.description], at: item.location, subject: item.question.id))
                    continue
                }
                firstSeen[item.question.id] = item.location
                parsed.append(item)
            }
        }
        let curricula = Dictionary(uniqueKeysWithValues: try store.currentCurricula().map { ($0.curriculum.track, $0.curriculum) })
        let states = try store.questionStates()
        for item in parsed {
            let question = item.question
            guard let curriculum = curricula[question.track] else {
                problems.append(
                    .error("content.question.unknown-track", ["track": question.track], at: item.location, subject: question.id))
                continue
            }
            if curriculum.module(question.module) == nil {
                problems.append(
                    .error(
                        "content.question.unknown-module",
                        [
                            "module": question.module, "track": question.track,
                            "modules": curriculum.modules.map(\.id).joined(separator: ", "),
                        ], at: item.location, subject: question.id))
            }
            if let state = states[question.id], state.track != question.track {
                problems.append(
                    .error(
                        "content.question.track-changed", ["old": state.track, "new": question.track],
                        at: item.location, subject: question.id))
            }
        }
        if files.isEmpty, fileProblems.isEmpty {
            problems.append(.error("content.path.nothing", ["paths": paths.joined(separator: " ")]))
        }
        if problems.contains(where: { $0.severity == .error }) { throw ProblemsError(problems) }

        var changes: [ContentChange] = []
        var writes: [QuestionWrite] = []
        for item in parsed {
            let state = states[item.question.id]
            let kind: ContentChange.Kind = state == nil ? .added : state!.contentHash == item.contentHash ? .unchanged : .changed
            let version = kind == .unchanged ? state!.version : (state?.version ?? 0) + 1
            changes.append(
                ContentChange(
                    id: item.question.id, track: item.question.track, kind: kind, version: version, source: item.location.description))
            if kind != .unchanged {
                writes.append(
                    QuestionWrite(
                        question: item.question, contentHash: item.contentHash,
                        source: item.location.description, derivedFields: item.derivedFields))
            }
        }
        problems += try shortfallWarnings(after: parsed, curricula: curricula)
        let report = LoadReport(changes: changes, warnings: problems, dryRun: dryRun)
        if !dryRun, !writes.isEmpty {
            try store.writeQuestions(
                writes,
                record: ImportRecord(
                    kind: .bank, paths: paths, added: report.count(.added), changed: report.count(.changed),
                    unchanged: report.count(.unchanged), warnings: problems.count, operatorName: operatorName, date: now()))
        }
        return report
    }

    /// Blueprints of the tracks touched that the bank, after this import, still cannot fill.
    private func shortfallWarnings(after parsed: [ParsedQuestion], curricula: [String: Curriculum]) throws -> [Problem] {
        let tracks = Set(parsed.map(\.question.track))
        var problems: [Problem] = []
        for track in tracks.sorted() {
            guard let curriculum = curricula[track] else { continue }
            var current = Dictionary(
                uniqueKeysWithValues: try store.questionSummaries(track: track).map { ($0.id, ($0.module, $0.difficulty)) })
            for item in parsed where item.question.track == track {
                current[item.question.id] = (item.question.module, item.question.difficulty)
            }
            var supply: [String: [Int: Int]] = [:]
            for (module, difficulty) in current.values { supply[module, default: [:]][difficulty, default: 0] += 1 }
            for shortfall in curriculum.exam.shortfalls(supply: supply) {
                problems.append(BankSupply.problem(shortfall, track: track, severity: .warning, at: nil))
            }
        }
        return problems
    }
}
