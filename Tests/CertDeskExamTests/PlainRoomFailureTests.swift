import CertDeskCore
import CertDeskExam
import CertDeskLocalization
import CertDeskTerminal
import Foundation
import Testing

/// A backend that saves the first answers and then fails as a read-only database does.
final class FailingBackend: ExamBackend, @unchecked Sendable {  // mutated from the one test task only
    var savesBeforeFailure: Int
    var saved: [Int: Answer?] = [:]

    init(savesBeforeFailure: Int) { self.savesBeforeFailure = savesBeforeFailure }

    func saveAnswer(_ answer: Answer?, slot: Int) throws -> Date {
        guard savesBeforeFailure > 0 else {
            throw ProblemsError.error(
                "store.read-only", ["path": "/srv/certdesk/exam.sqlite", "detail": "attempt to write a readonly database"])
        }
        savesBeforeFailure -= 1
        saved[slot] = answer
        return Date()
    }
    func saveFlag(_ flagged: Bool, slot: Int) throws {}
    func recordLanguage(_ language: Language, slot: Int) throws {}
    func recordPosition(slot: Int) throws {}
    func submit(automatic: Bool) throws {}
    func currentDeadline() throws -> Date { Date().addingTimeInterval(3600) }
    func stillHeld() throws -> Bool { true }
    func release() {}
}

struct PlainRoomFailureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path

    static func sheet() -> ExamSheet {
        let options = ["a", "b", "c"].map { AnswerOption(id: $0, text: LocalizedText([.english: "Option \($0)"]), correct: $0 == "a") }
        let items = (1...3).map { slot in
            SheetItem(
                slot: slot, questionID: "CCCP-01-00\(slot)", version: 1, type: .single, points: 1,
                moduleTitle: LocalizedText([.english: "Fundamentals"]), stem: LocalizedText([.english: "Question \(slot)?"]),
                options: SheetItem.options(
                    for: Question(
                        id: "x", track: "CCCP", module: "CCCP-01", type: .single, difficulty: 1,
                        stem: LocalizedText([.english: "x"]), options: options), order: ["a", "b", "c"]))
        }
        return ExamSheet(
            attemptID: 1, candidateNumber: "C-000001-8", candidateName: "Tai Man Chan", track: "CCCP",
            trackTitle: LocalizedText([.english: "Certified Contact Center Professional"]), sittingID: "CCCP-261205-01", centre: "Test",
            durationMinutes: 60, startedAt: Date(), items: items)
    }

    @Test func aFailedSaveIsNotAcknowledgedAndTheRoomStaysOpen() throws {
        // Given a room whose store accepts one answer and then becomes read-only
        let backend = FailingBackend(savesBeforeFailure: 1)
        let opened = OpenedAttempt(
            sheet: Self.sheet(), answers: [:], flags: [], deadline: Date().addingTimeInterval(3600), resumeSlot: nil, isResumed: true,
            language: .english, backend: backend)
        let localizer = try Localizer.load(language: .english, localesDirectory: Self.root + "/locales")
        var pipe: [Int32] = [0, 0]
        #expect(Foundation.pipe(&pipe) == 0)
        let script = "B\nC\n:r\n"
        _ = script.withCString { write(pipe[1], $0, strlen($0)) }
        close(pipe[1])
        var lines: [String] = []
        var room = PlainRoom(opened: opened, localizer: localizer, input: LineInput(descriptor: pipe[0]), now: { Date() }) {
            lines.append($0)
        }

        // When the candidate answers two questions and the input then ends
        let exit = room.run(resumed: true)
        close(pipe[0])

        // Then the first answer is acknowledged, the second is reported as not saved with the
        // file named, and the room stayed open until the input closed
        let output = lines.joined(separator: "\n")
        #expect(output.contains("Saved question 1: B"))
        #expect(!output.contains("Saved question 2"))
        #expect(output.contains("/srv/certdesk/exam.sqlite cannot be written"))
        #expect(output.contains("NOT saved"))
        #expect(output.contains("Answered: 1 of 3."))
        #expect(exit == .inputClosed)
        #expect(backend.saved.count == 1)
    }
}
