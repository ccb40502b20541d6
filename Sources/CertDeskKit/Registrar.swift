import CertDeskCore
import CertDeskExam
import CertDeskStore
import Foundation

/// The administrator's desk: candidates, sittings, training records, registrations, extra time.
public struct Registrar: Sendable {
    let store: Store
    let operatorName: String
    let now: @Sendable () -> Date

    public init(store: Store, operatorName: String, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.operatorName = operatorName
        self.now = now
    }

    // MARK: Candidates

    /// Adds a candidate after checking the details.
    ///
    /// - Throws: every problem found (`candidate.name-missing`, `candidate.email-invalid`, ...).
    public func addCandidate(_ new: NewCandidate) throws -> Candidate {
        var problems: [Problem] = []
        var new = new
        new.name = PersonName(family: new.name.family.trimmed, given: new.name.given.trimmed)
        new.idDocument = new.idDocument.trimmed
        if new.name.family.isEmpty { problems.append(.error("candidate.name-missing")) }
        if let other = new.otherName {
            new.otherName = PersonName(family: other.family.trimmed, given: other.given.trimmed)
            if other.family.trimmed.isEmpty { problems.append(.error("candidate.other-name-missing")) }
        }
        if new.idDocumentKey.count < 4 { problems.append(.error("candidate.document-invalid", ["value": new.idDocument])) }
        if let email = new.email?.trimmed, !email.isEmpty {
            new.email = email
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(where: \.isWhitespace) {
                problems.append(.error("candidate.email-invalid", ["value": email]))
            }
        } else {
            new.email = nil
        }
        guard problems.isEmpty else { throw ProblemsError(problems) }
        return try store.addCandidate(new, by: operatorName, at: now())
    }

    /// Corrects a candidate's name (both scripts). Credentials already issued keep the name
    /// they were signed with; ``credentialsToReissue`` lists them.
    ///
    /// - Throws: `candidate.number-invalid`, `candidate.unknown`, `candidate.name-missing`,
    ///   `candidate.other-name-missing`, `candidate.rename.no-reason`, `candidate.rename.same`.
    public func rename(_ typed: String, name: PersonName, otherName: PersonName?, reason: String) throws -> (
        before: Candidate, after: Candidate
    ) {
        let number = try Self.candidateNumber(typed)
        var problems: [Problem] = []
        let name = PersonName(family: name.family.trimmed, given: name.given.trimmed)
        if name.family.isEmpty { problems.append(.error("candidate.name-missing")) }
        let other = otherName.map { PersonName(family: $0.family.trimmed, given: $0.given.trimmed) }
        if let other, other.family.isEmpty { problems.append(.error("candidate.other-name-missing")) }
        let reason = reason.trimmed
        if reason.isEmpty { problems.append(.error("candidate.rename.no-reason", ["number": number])) }
        guard problems.isEmpty else { throw ProblemsError(problems) }
        return try store.renameCandidate(number, name: name, otherName: other, reason: reason, by: operatorName, at: now())
    }

    /// The canonical form of a typed candidate number.
    ///
    /// - Throws: `candidate.number-invalid`.
    public static func candidateNumber(_ typed: String) throws -> String {
        guard let number = CandidateNumber.normalize(typed) else {
            throw ProblemsError.error("candidate.number-invalid", ["value": typed])
        }
        return number
    }

    /// The candidate with a number as typed (dashes and case optional).
    ///
    /// - Throws: `candidate.number-invalid`, `candidate.unknown`.
    public func candidate(_ typed: String) throws -> Candidate {
        guard let number = CandidateNumber.normalize(typed) else {
            throw ProblemsError.error("candidate.number-invalid", ["value": typed])
        }
        guard let candidate = try store.candidate(number: number) else {
            throw ProblemsError.error("candidate.unknown", ["number": number])
        }
        return candidate
    }

    /// Records training hours in a module.
    public func recordTraining(candidate typed: String, module: String, hours: Double, note: String?) throws -> TrainingTotal {
        guard hours > 0, hours <= 1000 else { throw ProblemsError.error("training.hours-invalid", ["value": String(hours)]) }
        let candidate = try candidate(typed)
        return try store.recordTraining(candidate: candidate.number, module: module, hours: hours, note: note, by: operatorName, at: now())
    }

    // MARK: Sittings

    /// Reads `YYYY-MM-DD HH:MM` as a time in `timeZone`.
    ///
    /// - Throws: `session.starts-invalid`.
    public static func parseStart(_ text: String, timeZone: TimeZone) throws -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.isLenient = false
        guard let date = formatter.date(from: text.trimmed) else {
            throw ProblemsError.error("session.starts-invalid", ["value": text])
        }
        return date
    }

    /// Schedules a sitting after checking the bank can fill every paper of it.
    ///
    /// - Throws: `session.unknown-track`, `session.in-past`, `session.bank-short` with each
    ///   shortfall, `session.capacity-invalid`.
    public func createSitting(_ new: NewSitting) throws -> Sitting {
        guard let stored = try store.currentCurricula().first(where: { $0.curriculum.track == new.track }) else {
            let known = try store.currentCurricula().map(\.curriculum.track).joined(separator: ", ")
            throw ProblemsError.error("session.unknown-track", ["track": new.track, "known": known])
        }
        var problems: [Problem] = []
        if new.capacity < 1 || new.capacity > 100_000 {
            problems.append(.error("session.capacity-invalid", ["value": String(new.capacity)]))
        }
        if let duration = new.durationMinutes, !(1...1440).contains(duration) {
            problems.append(.error("session.duration-invalid", ["value": String(duration)]))
        }
        if new.centre.trimmed.isEmpty { problems.append(.error("session.centre-missing")) }
        let closes = new.startsAt.addingTimeInterval(Double(new.lateEntryMinutes) * 60)
        if closes < now() { problems.append(.error("session.in-past")) }
        let supply = BankSupply.of(try store.questionSummaries(track: new.track))
        let shortfalls = stored.curriculum.exam.shortfalls(supply: supply)
        if !shortfalls.isEmpty {
            problems.append(.error("session.bank-short", ["track": new.track]))
            problems += shortfalls.map { BankSupply.problem($0, track: new.track, severity: .error, at: nil) }
        }
        guard problems.isEmpty else { throw ProblemsError(problems) }
        var cleaned = new
        cleaned.centre = new.centre.trimmed
        return try store.createSitting(cleaned, by: operatorName, at: now())
    }

    // MARK: Registration

    /// Registers a candidate for a sitting if every rule is met; returns the one-time access code.
    ///
    /// - Throws: every unmet rule (see ``RegistrationRules``).
    public func register(candidate typed: String, sitting: String) throws -> (candidate: Candidate, sitting: Sitting, code: String) {
        let candidate = try candidate(typed)
        guard let found = try store.sitting(id: sitting) else { throw ProblemsError.error("session.unknown", ["session": sitting]) }
        let code = AccessCode.generate()
        let date = now()
        try store.register(candidate: candidate.number, sitting: sitting, code: AccessCode.hash(code), by: operatorName, at: date) {
            facts in
            let problems = RegistrationRules.problems(facts, now: date)
            if !problems.isEmpty { throw ProblemsError(problems) }
        }
        return (candidate, found, code)
    }

    /// Issues a new access code for a registration; the old one stops working and any lockout ends.
    public func reissueCode(candidate typed: String, sitting: String) throws -> String {
        let candidate = try candidate(typed)
        let code = AccessCode.generate()
        try store.reissueCode(candidate: candidate.number, sitting: sitting, code: AccessCode.hash(code), by: operatorName, at: now())
        return code
    }

    /// Grants extra time to one candidate or to everyone at a sitting, with the reason recorded.
    public func grantExtraTime(sitting: String, candidate typed: String?, minutes: Int, reason: String) throws {
        guard (1...600).contains(minutes) else { throw ProblemsError.error("extra-time.minutes-invalid", ["value": String(minutes)]) }
        guard !reason.trimmed.isEmpty else { throw ProblemsError.error("extra-time.reason-missing") }
        let number = try typed.map { try candidate($0).number }
        try store.grantExtraTime(sitting: sitting, candidate: number, minutes: minutes, reason: reason.trimmed, by: operatorName, at: now())
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
