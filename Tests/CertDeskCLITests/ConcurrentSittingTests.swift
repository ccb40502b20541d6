import CertDeskCore
import Foundation
import Testing

struct ConcurrentSittingTests {
    /// What one candidate's run of `sit` left behind.
    struct Run {
        var number: String
        var finished: Bool
        var acknowledged: [RoomDriver.Acknowledged]
        var result: CertDeskRunner.Result
    }

    @Test func twentyCandidatesSitTheSameSessionAtOnce() throws {
        // Given 20 candidates registered for one CCCP sitting in one database file
        let setup = try ExamSetup(.cccp, candidates: 20)
        defer { setup.remove() }

        // When all 20 start `sit --plain` at the same moment, answer all 40 questions as fast as
        // the room takes them, and submit
        let runs = try Self.inParallel(setup.registrations) { registration in
            let room = try setup.startSitting(registration)
            var driver = try RoomDriver(room)
            driver.timeout = 120
            let finished = driver.begin().map { driver.answerAll(count: 40, from: $0) } == true && driver.submit() != nil
            return Run(number: registration.number, finished: finished, acknowledged: driver.acknowledged, result: room.wait())
        }

        // Then every run ended submitted, without the database ever reported busy or locked
        let english = try Catalogs.localizer(.english)
        #expect(runs.count == 20)
        for run in runs {
            #expect(run.result.status == 0, "\(run.number): \(run.result.error)")
            #expect(run.finished, "\(run.number): \(run.result.output.suffix(2_000))")
            #expect(run.acknowledged.count == 40, "\(run.number)")
            // (Questions may speak of busy signals; the database's own complaints are what count.)
            let complaints = [
                "database is locked", "SQLITE_BUSY", Catalogs.beginning("store.busy", ["path": setup.database], in: english),
                english.text("room.not-saved"),
            ]
            #expect(complaints.allSatisfy { !run.result.output.contains($0) }, "\(run.number)")
            #expect(
                !run.result.error.lowercased().contains("busy") && !run.result.error.contains("locked"),
                "\(run.number): \(run.result.error)")
        }

        // And the store holds 20 submitted attempts, each with every answer its room acknowledged
        let attempts = try (1...20).map { try setup.attempt($0) }
        #expect(Set(attempts.map(\.candidate)) == Set(setup.registrations.map(\.number)))
        #expect(attempts.allSatisfy { $0.submission == "submitted" })
        for run in runs {
            guard let attempt = attempts.first(where: { $0.candidate == run.number }) else { continue }
            let expected = Dictionary(
                uniqueKeysWithValues: run.acknowledged.map { answer in
                    (answer.number, RoomDriver.expected(answer, for: attempt.items[answer.number - 1]))
                })
            #expect(attempt.answers == expected, "\(run.number)")
        }
    }

    /// Runs `body` for every element at the same time, each on a thread of its own (the rooms
    /// block on their pipes), and returns the results in the elements' order.
    static func inParallel<Element: Sendable, Result: Sendable>(
        _ elements: [Element], _ body: @escaping @Sendable (Element) throws -> Result
    ) throws -> [Result] {
        let collected = Collected<Result>(count: elements.count)
        let group = DispatchGroup()
        for (index, element) in elements.enumerated() {
            group.enter()
            Thread {
                collected.set(index, Swift.Result { try body(element) })
                group.leave()
            }.start()
        }
        group.wait()
        return try collected.values.map { try $0!.get() }
    }

    /// Results written by several threads.
    final class Collected<Value: Sendable>: @unchecked Sendable {  // `values` is guarded by `lock`
        private let lock = NSLock()
        private var slots: [Swift.Result<Value, any Error>?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: Swift.Result<Value, any Error>) { lock.withLock { slots[index] = value } }

        var values: [Swift.Result<Value, any Error>?] { lock.withLock { slots } }
    }
}
