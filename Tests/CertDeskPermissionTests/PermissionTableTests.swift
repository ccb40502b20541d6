import Testing

@testable import CertDeskCLI

/// Every command of the argument tree against every kind of person who might run it.
struct PermissionTableTests {
    /// What each role may run, written out independently of ``Permissions/table``.
    static let trainerCommands: Set = [
        "curriculum load", "bank import", "bank stats", "bank show", "practice", "training record", "marking queue", "marking show",
        "mark", "report items", "item voided", "session list", "staff password",
    ]
    static let openCommands: Set = [
        "init", "login", "logout", "whoami", "demo", "locales check", "verify", "tracks", "doctor", "sit", "result --candidate",
        "restore --new",
    ]
    static let variants: Set = ["result --candidate", "staff password --other", "restore --new"]

    @Test func everyCommandOfTheTreeHasAnEntryAndEveryEntryIsACommand() {
        let leaves = Set(Permissions.leafPaths())
        #expect(leaves.count == Permissions.table.count - Self.variants.count)
        let missing = leaves.filter { Permissions.table[$0] == nil }
        #expect(missing.isEmpty, "commands without a permission: \(missing.sorted())")
        let stray = Set(Permissions.table.keys).subtracting(leaves).subtracting(Self.variants)
        #expect(stray.isEmpty, "entries that are not commands: \(stray.sorted())")
        for variant in Self.variants {
            #expect(leaves.contains(String(variant.split(separator: " ").dropLast().joined(separator: " "))), "\(variant)")
        }
    }

    @Test(arguments: Principal.allCases)
    func everyCommandDecidesForEveryPrincipal(_ principal: Principal) {
        for path in Set(Permissions.leafPaths()).union(Self.variants) {
            let expected: Bool
            switch principal {
            case .nobody, .candidate: expected = Self.openCommands.contains(path)
            case .trainer: expected = Self.openCommands.contains(path) || Self.trainerCommands.contains(path)
            case .administrator: expected = true
            }
            #expect(Permissions.allows(Permissions.access(path), principal) == expected, "\(principal) → \(path)")
        }
    }

    @Test func aTrainerCannotIssueRevokeReleaseOrTouchKeysAndStaff() {
        for path in [
            "issue", "revoke", "renew", "reissue", "release", "regrade", "keys rotate", "keys init", "staff add", "staff disable",
            "audit verify", "backup", "restore", "candidate erase", "register",
        ] {
            #expect(!Permissions.allows(Permissions.access(path), .trainer), "\(path)")
            #expect(Permissions.allows(Permissions.access(path), .administrator), "\(path)")
        }
    }

    @Test func aCommandMissingFromTheTableNeedsAnAdministrator() {
        #expect(Permissions.access("no such command") == .administrator)
    }

    @Test func theTreeFindsTheCommandsOwnPaths() {
        #expect(Permissions.path(of: KeysCommand.Rotate.self) == "keys rotate")
        #expect(Permissions.path(of: RevokeCommand.self) == "revoke")
        #expect(Permissions.path(of: StaffCommand.Password.self) == "staff password")
    }
}
