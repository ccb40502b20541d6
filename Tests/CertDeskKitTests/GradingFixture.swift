import CertDeskCore
import CertDeskExam
import CertDeskKit
import CertDeskStore
import Foundation
import GRDB

/// A database file with the DRILL track (six modules, one question each, one of each type in slot
/// order: single, multiple, true-false, numeric, short, essay; options never shuffled), so every
/// paper is the same and a test knows its keys; a registrar, an exam desk and grading desks on a
/// manual clock.
struct GradingFixture {
    let folder: String
    let store: Store
    let clock: ManualClock
    let registrar: Registrar
    let exam: ExamDesk

    /// When the fixture's sittings start by default: one hour after the clock's start.
    static let opens = Fixtures.fixedDate.addingTimeInterval(3600)

    /// The essay's slot and points.
    static let essaySlot = 6
    static let essayPoints = 10.0

    /// Every answer right; the essay answered.
    static let allRight: [Int: Answer] = [
        1: .choices(["a"]), 2: .choices(["a", "b"]), 3: .choices([TrueFalseOption.trueID]), 4: .text("20"), 5: .text("calibration"),
        6: .text("Coach weekly; measure quality scores."),
    ]

    /// - Parameter marking: the track's `exam.marking` rules as YAML flow, e.g.
    ///   `{second-marker: true, max-difference: 2, resolution: third-marker}`; one marker when `nil`.
    init(marking: String? = nil) throws {
        folder = try Fixtures.temporaryFolder()
        store = try Store.create(at: folder + "/certdesk.sqlite")
        let curriculum = marking.map {
            Self.curriculum.replacingOccurrences(of: "  pass-mark: 70\n", with: "  pass-mark: 70\n  marking: \($0)\n")
        }
        try (curriculum ?? Self.curriculum).write(toFile: folder + "/drill.yaml", atomically: true, encoding: .utf8)
        try Self.bank.write(toFile: folder + "/drill-bank.yaml", atomically: true, encoding: .utf8)
        _ = try Fixtures.loader(store).load(paths: [folder + "/drill.yaml"])
        _ = try Fixtures.importer(store).importBanks(paths: [folder + "/drill-bank.yaml"])
        let clock = ManualClock(Fixtures.fixedDate)
        self.clock = clock
        registrar = Registrar(store: store, operatorName: "registrar", now: { clock.now })
        exam = ExamDesk(store: store, now: { clock.now })
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    /// A grading desk used by `marker` (the operator's name).
    func desk(_ marker: String = "registrar") -> GradingDesk {
        let clock = clock
        return GradingDesk(store: store, operatorName: marker, now: { clock.now })
    }

    /// Schedules a DRILL sitting of 30 minutes.
    func sitting(startsAt: Date = opens, capacity: Int = 10) throws -> Sitting {
        try registrar.createSitting(
            NewSitting(
                track: "DRILL", startsAt: startsAt, timeZone: "Asia/Hong_Kong", durationMinutes: nil, lateEntryMinutes: 15,
                centre: "Kowloon", capacity: capacity))
    }

    /// A candidate (family names differ within a test) trained in every DRILL module and
    /// registered for `sitting`, with their access code.
    func registered(_ family: String, for sitting: Sitting) throws -> (number: String, code: String) {
        let candidate = try registrar.addCandidate(
            NewCandidate(
                name: PersonName(family: family, given: "Tai Man"), otherName: nil, idDocument: "ID" + family.uppercased(), email: nil,
                language: .english))
        for module in 1...6 {
            _ = try registrar.recordTraining(candidate: candidate.number, module: "DRILL-0\(module)", hours: 1, note: nil)
        }
        let code = try registrar.register(candidate: candidate.number, sitting: sitting.id).code
        return (candidate.number, code)
    }

    /// Opens the candidate's exam, saves `answers`, and submits unless told not to; returns the attempt id.
    ///
    /// The clock stands one minute into the sitting when it opens.
    @discardableResult
    func sit(_ candidate: (number: String, code: String), answers: [Int: Answer], submit: Bool = true) throws -> Int64 {
        if clock.now < Self.opens.addingTimeInterval(60) { clock.set(Self.opens.addingTimeInterval(60)) }
        let terminal = ExamDeskFixture.terminal("pts-\(candidate.number)")
        let opened = try exam.open(candidate: candidate.number, code: candidate.code, terminal: terminal)
        guard case .opened(let attempt, _, _) = opened else {
            throw ProblemsError.error("test.unexpectedly-closed", ["number": candidate.number])
        }
        for slot in answers.keys.sorted() { _ = try attempt.backend.saveAnswer(answers[slot], slot: slot) }
        if submit { try attempt.backend.submit(automatic: false) } else { attempt.backend.release() }
        return attempt.sheet.attemptID
    }

    /// What the grading tables hold, read through the store's API and behind its back.
    struct Snapshot: Equatable {
        var grades: [Int64: [StoredGrade]]
        var marks: [Int64: [Int: [EssayMark]]]
        var voided: [String]
        var released: [String: Bool]
        var rows: [String: Int]
    }

    func snapshot(attempts: [Int64], sittings: [String]) throws -> Snapshot {
        var grades: [Int64: [StoredGrade]] = [:]
        var marks: [Int64: [Int: [EssayMark]]] = [:]
        for id in attempts {
            grades[id] = try store.grades(attempt: id)
            marks[id] = try store.gradingInput(attempt: id)?.marks
        }
        var released: [String: Bool] = [:]
        for sitting in sittings { released[sitting] = try store.release(of: sitting) != nil }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: folder + "/certdesk.sqlite", configuration: configuration)
        let rows = try queue.read { db in
            var counts: [String: Int] = [:]
            for table in ["marks", "grades", "voided_questions", "releases", "attempt_events"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            return counts
        }
        return Snapshot(grades: grades, marks: marks, voided: try store.voidedQuestions().map(\.id), released: released, rows: rows)
    }

    /// The folder of the drill track's files, shared with the command-line tests.
    static let drill = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Shared/drill").standardized
        .path

    static var curriculum: String { (try? String(contentsOfFile: drill + "/drill.yaml", encoding: .utf8)) ?? "" }

    /// The bank; `singleKey` is the keyed option of DRILL-01-001 (changing it makes a new version).
    static func bankText(singleKey: String = "a") -> String {
        let text = (try? String(contentsOfFile: drill + "/drill-bank.yaml", encoding: .utf8)) ?? ""
        var inSingle = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.contains("- id: ") { inSingle = line.hasSuffix("DRILL-01-001") }
            guard inSingle, let range = line.range(of: "{id: ") else { return String(line) }
            let id = line[range.upperBound...].prefix(1)
            let keyed = id == singleKey ? "correct: true}" : "correct: false}"
            return line.replacingOccurrences(of: "correct: true}", with: keyed).replacingOccurrences(of: "correct: false}", with: keyed)
        }.joined(separator: "\n")
    }

    static let bank = bankText()
}
