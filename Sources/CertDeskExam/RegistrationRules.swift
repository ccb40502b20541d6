import CertDeskCore
import Foundation

/// The rules a registration must meet, each refusal naming what is missing.
///
/// 1. The sitting has not already closed to new entrants.
/// 2. The candidate is not registered for it already.
/// 3. A seat is free (registrations < capacity).
/// 4. Every prerequisite track's credential is held on the sitting's date.
/// 5. Every module of the course has at least its published training hours recorded.
/// 6. The sitting does not overlap another sitting the candidate is registered for.
///
/// Every rule is checked and every failure reported, so an operator fixes them all at once.
public enum RegistrationRules {
    public static func problems(_ facts: RegistrationFacts, now: Date) -> [Problem] {
        var problems: [Problem] = []
        let number = facts.candidate.number
        let session = facts.sitting.id
        if now > facts.sitting.entryClosesAt {
            problems.append(.error("register.session-closed", ["session": session]))
        }
        if facts.alreadyRegistered {
            problems.append(.error("register.already", ["number": number, "session": session]))
            return problems
        }
        if facts.registered >= facts.sitting.capacity {
            problems.append(.error("register.full", ["session": session, "capacity": String(facts.sitting.capacity)]))
        }
        for track in facts.curriculum.prerequisites where !facts.heldCredentials.contains(track) {
            problems.append(.error("register.prerequisite", ["number": number, "track": facts.sitting.track, "prerequisite": track]))
        }
        let short = facts.curriculum.modules.filter { (facts.trainingHours[$0.id] ?? 0) + 0.000_1 < $0.hours }
        if !short.isEmpty {
            let list = short.map { "\($0.id) \(NumericText.compact(facts.trainingHours[$0.id] ?? 0))/\(NumericText.compact($0.hours))" }
                .joined(separator: ", ")
            problems.append(.error("register.training", ["number": number, "track": facts.sitting.track, "modules": list]))
        }
        let busy = facts.sitting.busyInterval
        for other in facts.otherSittings where other.busyInterval.overlaps(busy) {
            problems.append(.error("register.clash", ["number": number, "session": session, "other": other.id]))
        }
        return problems
    }
}
