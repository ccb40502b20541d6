import CertDeskCore
import CertDeskKit
import Foundation
import GRDB
import Testing

@testable import CertDeskStore

/// A database that stops accepting writes in the middle of an exam (a disk remounted read-only,
/// permissions changed under a running process).
struct ReadOnlyStoreTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path

    @Test func aStoreThatStopsAcceptingWritesRefusesTheAnswerAndKeepsTheSavedOnes() throws {
        // Given a candidate in the exam room with one answer saved
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/exam.sqlite"
        let store = try Store.create(at: path)
        let now: @Sendable () -> Date = { Date() }
        try CurriculumLoader(store: store, operatorName: "admin", now: now).load(paths: [Self.root + "/curricula/cccp.yaml"])
        try BankImporter(store: store, operatorName: "admin", now: now).importBanks(paths: [Self.root + "/question-banks/cccp"])
        let demo = try DemoSitting.prepare(
            store: store,
            name: NewCandidate(
                name: PersonName(family: "Chan", given: "Tai Man"), otherName: nil, idDocument: "A1234567", email: nil,
                language: .english), operatorName: "admin", now: now)
        let terminal = TerminalIdentity(token: "read-only-test", host: ProcessInfo.processInfo.hostName, pid: getpid(), name: "test")
        guard
            case .opened(let opened, _, _) = try ExamDesk(store: store, now: now).open(
                candidate: demo.candidate.number, code: demo.code, terminal: terminal)
        else {
            Issue.record("the attempt did not open")
            return
        }
        let choiceItems = opened.sheet.items.filter(\.hasOptions)
        let first = choiceItems[0]
        let saved = Answer.choices([first.options[0].id])
        _ = try opened.backend.saveAnswer(saved, slot: first.slot)

        // When the database can no longer be written
        try store.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA query_only = 1") }

        // Then the next answer is refused with a message naming the file, not acknowledged
        let second = choiceItems[1]
        #expect {
            _ = try opened.backend.saveAnswer(.choices([second.options[0].id]), slot: second.slot)
        } throws: { error in
            let problem = (error as? ProblemsError)?.problems.first
            return problem?.key == "store.read-only" && problem?.arguments["path"] == path
        }
        // And the answer saved before is still in the file
        let reopened = try Store.open(at: path)
        let attempt = try #require(try reopened.attempt(id: opened.sheet.attemptID))
        #expect(attempt.answers[first.slot] == saved)
        #expect(attempt.answers[second.slot] == nil)
    }
}
