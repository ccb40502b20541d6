import CertDeskCore
import CertDeskLocalization
import Foundation
import Testing

struct KillResumeTests {
    @Test func answersAcknowledgedBeforeAKillAreKeptAndTheExamResumesOnTheSameClock() throws {
        // Given a candidate sitting the CCCP exam who has answered five questions, each
        // acknowledged as saved
        let setup = try ExamSetup(.cccp)
        defer { setup.remove() }
        let room = try setup.startSitting(setup.registrations[0])
        var driver = try RoomDriver(room)
        var screen = driver.begin()
        for number in 1...5 { screen = screen.flatMap { driver.answer(number, on: $0) } }
        #expect(driver.acknowledged.map(\.number) == [1, 2, 3, 4, 5], "\(room.output.text)")

        // When the process is killed outright (power cut, kill -9)
        room.kill(SIGKILL)
        _ = room.wait()

        // Then all five acknowledged answers are stored, and the exam is still open
        #expect(room.wasKilled)
        let stored = try setup.attempt(1)
        #expect(stored.submission == nil)
        for answer in driver.acknowledged {
            let item = stored.items[answer.number - 1]
            #expect(stored.answers[item.slot] == RoomDriver.expected(answer, for: item), "question \(answer.number)")
        }
        #expect(stored.answers.count == 5)

        // When the candidate runs `sit` again, at least two seconds after they began
        let resumeAt = stored.startedAt.addingTimeInterval(2)
        if resumeAt > Date() { Thread.sleep(until: resumeAt) }
        let launched = Date()
        let again = try setup.startSitting(setup.registrations[0])
        let text = driver.text
        let welcome = again.read(through: text.text("room.plain.prompt"))

        // Then they are welcomed back at question 6 without being asked to begin, with the time
        // left counted from the original start, and can submit
        let pattern = try Catalogs.pattern("room.resumed", ["number": "6"], in: text)
        let left = welcome.flatMap { Catalogs.value("left", of: pattern, in: $0) }.flatMap(Self.seconds)
        #expect(left != nil, "\(welcome ?? again.output.text)")
        if let left {
            #expect(left < 75 * 60)
            #expect(Double(left) <= stored.deadline.timeIntervalSince(launched) + 2)
        }
        #expect(welcome?.contains(text.text("room.question.position", ["number": "6", "count": "40"])) == true)
        #expect(welcome?.contains(text.text("room.plain.begin")) == false)
        let receipt = try RoomDriver(again).submit()
        let result = again.wait()
        #expect(receipt != nil, "\(result.output)")
        #expect(result.status == 0, "\(result.error)")
        let submitted = try setup.attempt(1)
        #expect(submitted.submission == "submitted")
        #expect(submitted.startedAt == stored.startedAt)
        #expect(submitted.deadline == stored.deadline)
        #expect(submitted.answers == stored.answers)
    }

    /// `mm:ss` or `h:mm:ss` in seconds.
    static func seconds(_ clock: String) -> Int? {
        let parts = clock.split(separator: ":").map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.reduce(0) { $0 * 60 + ($1 ?? 0) }
    }
}
