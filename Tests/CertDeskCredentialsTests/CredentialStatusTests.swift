import CertDeskCore
import Foundation
import Testing

/// Which credential vouches for its holder on a date, as registration and issuance rules ask.
struct CredentialStatusTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static let day = 86_400.0

    static func credential(_ number: String, from: Double, until: Double) -> CredentialStatus {
        CredentialStatus(
            number: number, track: "CCCP", kind: .initial, validFrom: start.addingTimeInterval(from * day),
            validUntil: start.addingTimeInterval(until * day))
    }

    @Test func aCredentialVouchesWithinItsDatesUntilRevoked() {
        var original = Self.credential("CCCP-2026-000001-6", from: 0, until: 1095)
        #expect(original.vouches(on: Self.start.addingTimeInterval(10 * Self.day)))
        #expect(!original.vouches(on: Self.start.addingTimeInterval(-1 * Self.day)))
        #expect(!original.vouches(on: Self.start.addingTimeInterval(1096 * Self.day)))
        original.revocation = .init(at: Self.start.addingTimeInterval(20 * Self.day), by: "admin", reason: "misconduct")
        #expect(original.vouches(on: Self.start.addingTimeInterval(10 * Self.day)))
        #expect(!original.vouches(on: Self.start.addingTimeInterval(30 * Self.day)))
        #expect(original.state(on: Self.start.addingTimeInterval(30 * Self.day)) == .revoked)
    }

    @Test func aReplacedCredentialStopsVouchingSoRevokingItsReplacementLeavesNothing() {
        var original = Self.credential("CCCP-2026-000001-6", from: 0, until: 1095)
        original.supersession = .init(at: Self.start.addingTimeInterval(100 * Self.day), successor: "CCCP-2026-000002-5", reason: "lost")
        var reissue = Self.credential("CCCP-2026-000002-5", from: 0, until: 1095)
        reissue.revocation = .init(at: Self.start.addingTimeInterval(200 * Self.day), by: "admin", reason: "misconduct")
        let later = Self.start.addingTimeInterval(300 * Self.day)
        #expect(![original, reissue].contains { $0.vouches(on: later) })
        #expect(original.state(on: later) == .superseded)
        // Before the replacement, the original vouched.
        #expect(original.vouches(on: Self.start.addingTimeInterval(50 * Self.day)))
        #expect(reissue.vouches(on: Self.start.addingTimeInterval(150 * Self.day)))
    }
}
