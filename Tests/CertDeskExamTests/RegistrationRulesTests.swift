import CertDeskCore
import CertDeskExam
import Foundation
import Testing

struct RegistrationRulesTests {
    static let opens = Date(timeIntervalSince1970: 1_795_000_000)
    static let before = opens.addingTimeInterval(-7 * 24 * 3600)

    static let curriculum = Curriculum(
        track: "CCCS", title: LocalizedText([.english: "Supervisor"]), level: 2, prerequisites: ["CCCP"],
        modules: [
            Module(id: "CCCS-01", title: LocalizedText([.english: "Queues"]), hours: 4, objectives: []),
            Module(id: "CCCS-02", title: LocalizedText([.english: "Quality"]), hours: 3.5, objectives: []),
        ],
        exam: ExamRules(durationMinutes: 90, passMark: 70, blueprint: []), credential: CredentialRules(validYears: 3, renewalCPDHours: 30))

    static func sitting(_ id: String, startsAt: Date = opens, capacity: Int = 20) -> Sitting {
        Sitting(
            id: id, track: "CCCS", curriculumVersion: 1, startsAt: startsAt, timeZone: "Asia/Hong_Kong", durationMinutes: 90,
            lateEntryMinutes: 30, centre: "Kowloon", capacity: capacity)
    }

    /// Facts that meet every rule; each test breaks one or more.
    static func facts() -> RegistrationFacts {
        RegistrationFacts(
            candidate: Candidate(
                number: "C-000001-8", name: PersonName(family: "Chan", given: "Tai Man"), otherName: nil, idDocument: "A1234567",
                email: nil, language: .english, createdAt: before),
            sitting: sitting("CCCS-261205-01"), curriculum: curriculum, registered: 3, alreadyRegistered: false, otherSittings: [],
            trainingHours: ["CCCS-01": 4, "CCCS-02": 3.5], heldCredentials: ["CCCP"])
    }

    @Test func aCandidateWhoMeetsEveryRuleIsAccepted() {
        // Given a trained candidate holding CCCP, a free seat and no other sitting
        // When the rules are checked a week before the sitting
        let problems = RegistrationRules.problems(Self.facts(), now: Self.before)

        // Then nothing is refused
        #expect(problems.isEmpty)
    }

    @Test func aFullSittingIsRefused() {
        // Given a sitting whose 20 seats are taken
        var facts = Self.facts()
        facts.registered = 20

        // When the rules are checked
        let problems = RegistrationRules.problems(facts, now: Self.before)

        // Then the registration is refused as full, naming the capacity
        #expect(problems == [.error("register.full", ["session": "CCCS-261205-01", "capacity": "20"])])
    }

    @Test func aMissingPrerequisiteCredentialIsRefused() {
        // Given a candidate who holds no CCCP credential
        var facts = Self.facts()
        facts.heldCredentials = []

        // When the rules are checked
        let problems = RegistrationRules.problems(facts, now: Self.before)

        // Then the refusal names the credential needed
        #expect(
            problems == [.error("register.prerequisite", ["number": "C-000001-8", "track": "CCCS", "prerequisite": "CCCP"])])
    }

    @Test func missingTrainingHoursAreListedPerModule() {
        // Given a candidate with 2 of 4 hours in CCCS-01 and none in CCCS-02
        var facts = Self.facts()
        facts.trainingHours = ["CCCS-01": 2]

        // When the rules are checked
        let problems = RegistrationRules.problems(facts, now: Self.before)

        // Then the refusal lists each short module with hours done and needed
        #expect(
            problems == [
                .error("register.training", ["number": "C-000001-8", "track": "CCCS", "modules": "CCCS-01 2/4, CCCS-02 0/3.5"])
            ])
    }

    @Test func anOverlappingSittingIsAClashButALaterOneIsNot() {
        // Given a candidate registered for a sitting an hour after this one starts, and for one
        // the next day
        var facts = Self.facts()
        facts.otherSittings = [
            Self.sitting("CCCS-261205-02", startsAt: Self.opens.addingTimeInterval(3600)),
            Self.sitting("CCCS-261206-01", startsAt: Self.opens.addingTimeInterval(24 * 3600)),
        ]

        // When the rules are checked
        let problems = RegistrationRules.problems(facts, now: Self.before)

        // Then only the overlapping sitting is named as a clash
        #expect(problems == [.error("register.clash", ["number": "C-000001-8", "session": "CCCS-261205-01", "other": "CCCS-261205-02"])])
    }

    @Test func aSecondRegistrationForTheSameSittingIsRefusedAlone() {
        // Given a candidate already registered, for a sitting that is also full
        var facts = Self.facts()
        facts.alreadyRegistered = true
        facts.registered = 20

        // When the rules are checked
        let problems = RegistrationRules.problems(facts, now: Self.before)

        // Then only "already registered" is reported (a full sitting is not their problem)
        #expect(problems.map(\.key) == ["register.already"])
    }

    @Test func aSittingClosedToLateArrivalsTakesNoRegistrations() {
        // Given a sitting that started 31 minutes ago (late entry 30 minutes)
        // When the rules are checked now
        let problems = RegistrationRules.problems(Self.facts(), now: Self.opens.addingTimeInterval(31 * 60))

        // Then the registration is refused as closed
        #expect(problems.map(\.key) == ["register.session-closed"])
    }

    @Test func everyUnmetRuleIsReportedAtOnce() {
        // Given a full sitting, no credential, no training and a clashing sitting
        var facts = Self.facts()
        facts.registered = 25
        facts.heldCredentials = []
        facts.trainingHours = [:]
        facts.otherSittings = [Self.sitting("CCCS-261205-02")]

        // When the rules are checked
        let problems = RegistrationRules.problems(facts, now: Self.before)

        // Then all four are reported, so the operator can fix them together
        #expect(problems.map(\.key) == ["register.full", "register.prerequisite", "register.training", "register.clash"])
    }
}
