import CertDeskCore
import Foundation

/// The rules a credential is issued under, each unmet rule named.
///
/// 1. The candidate sat the track's exam and the paper was submitted.
/// 2. The sitting's results are released.
/// 3. The result is final (every essay marked) and a pass.
/// 4. Every module of the course has at least its published training hours recorded.
/// 5. Every prerequisite track's credential is valid on the issue date.
///
/// A candidate already issued a credential for the attempt is neither eligible nor refused:
/// issuing again would issue nothing.
public enum IssuanceRules {
    /// What the rules decide for one registration.
    public enum Decision: Sendable, Hashable {
        case eligible
        /// A credential was issued for this attempt already.
        case issued(CredentialStatus)
        /// The rules not met, every one of them.
        case ineligible([Problem])
    }

    public static func decide(_ facts: EligibilityFacts, on date: Date) -> Decision {
        if let issued = facts.issued { return .issued(issued) }
        let number = facts.candidate.number
        let session = facts.sitting.id
        guard facts.attemptID != nil else { return .ineligible([.error("eligible.absent", ["number": number, "session": session])]) }
        guard facts.submitted else {
            return .ineligible([.error("eligible.not-submitted", ["number": number, "session": session])])
        }
        var problems: [Problem] = []
        if facts.releasedAt == nil {
            problems.append(.error("eligible.unreleased", ["number": number, "session": session]))
        }
        if let grade = facts.grade, !grade.provisional {
            if grade.passed != true {
                problems.append(
                    .error(
                        "eligible.failed",
                        [
                            "number": number, "percentage": percent(grade.percentage), "pass": percent(grade.passMark),
                        ]))
            }
        } else {
            problems.append(.error("eligible.provisional", ["number": number, "session": session]))
        }
        let short = facts.curriculum.modules.filter { (facts.trainingHours[$0.id] ?? 0) + 0.000_1 < $0.hours }
        if !short.isEmpty {
            let list = short.map { "\($0.id) \(NumericText.compact(facts.trainingHours[$0.id] ?? 0))/\(NumericText.compact($0.hours))" }
            problems.append(
                .error("eligible.training", ["number": number, "track": facts.sitting.track, "modules": list.joined(separator: ", ")]))
        }
        for track in facts.curriculum.prerequisites {
            let held = facts.credentials.filter { $0.track == track }
            guard !held.contains(where: { $0.vouches(on: date) }) else { continue }
            let latest = held.max { $0.validUntil < $1.validUntil }
            if let latest, let revocation = latest.revocation {
                problems.append(
                    .error(
                        "eligible.prerequisite-revoked",
                        [
                            "number": number, "prerequisite": track, "credential": latest.number,
                            "reason": revocation.reason,
                        ]))
            } else if let latest {
                problems.append(
                    .error(
                        "eligible.prerequisite-expired",
                        ["number": number, "prerequisite": track, "credential": latest.number, "until": day(latest.validUntil)]))
            } else {
                problems.append(.error("eligible.prerequisite", ["number": number, "prerequisite": track]))
            }
        }
        return problems.isEmpty ? .eligible : .ineligible(problems)
    }

    /// Rounded down, so a fail never reads as the pass mark.
    static func percent(_ value: Double) -> String { NumericText.compact((value * 10).rounded(.down) / 10) }

    /// A date as credentials' messages give it: `2029-11-23` (UTC).
    public static func day(_ date: Date) -> String { date.formatted(.iso8601.year().month().day()) }
}
