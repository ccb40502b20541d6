import CertDeskCore
import Foundation
import GRDB

extension Store {
    /// Every staff account, by name.
    public func staff() throws -> [StaffMember] {
        try writer.read { db in try Row.fetchAll(db, sql: Self.staffQuery + " ORDER BY s.name").map(Self.staffMember) }
    }

    public func staffMember(name: String) throws -> StaffMember? {
        try writer.read { db in try Self.staffMember(name, db) }
    }

    /// The stored password hash, read before a login so the slow check runs outside the write lock.
    public func passwordHash(staff name: String) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT password FROM staff WHERE name = ?", arguments: [name]) }
    }

    /// How many administrators can log in (not disabled).
    public func activeAdministrators() throws -> Int {
        try writer.read { db in try Self.activeAdministrators(db) }
    }

    /// Adds a staff account.
    ///
    /// - Parameter operatorName: the administrator adding it; `nil` for the first administrator,
    ///   which is refused once any administrator exists.
    /// - Throws: `staff.exists`, `staff.first-exists`.
    @discardableResult
    public func addStaff(name: String, role: StaffRole, password: String, by operatorName: String?, at date: Date) throws -> StaffMember {
        let action = AuditAction(
            "staff.add", subject: name, by: .staff(operatorName ?? name), details: ["role": role.rawValue], at: date)
        return try perform(action) { db in
            if operatorName == nil, try Self.activeAdministrators(db) > 0 {
                throw ProblemsError.error("staff.first-exists", ["name": name])
            }
            if try Self.staffMember(name, db) != nil { throw ProblemsError.error("staff.exists", ["name": name]) }
            try db.execute(
                sql: "INSERT INTO staff (name, role, password, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, role.rawValue, password, Self.timestamp(date), operatorName ?? name])
            return try Self.staffMember(name, db)!
        }
    }

    /// Disables an account and ends its sessions. The last administrator who can log in cannot be disabled.
    ///
    /// - Throws: `staff.unknown`, `staff.already-disabled`, `staff.last-administrator`.
    public func disableStaff(name: String, reason: String, by operatorName: String, at date: Date) throws {
        try perform(AuditAction("staff.disable", subject: name, by: .staff(operatorName), reason: reason, at: date)) { db in
            guard let member = try Self.staffMember(name, db) else { throw ProblemsError.error("staff.unknown", ["name": name]) }
            if member.disabledAt != nil { throw ProblemsError.error("staff.already-disabled", ["name": name]) }
            if member.role == .administrator, try Self.activeAdministrators(db) <= 1 {
                throw ProblemsError.error("staff.last-administrator", ["name": name])
            }
            try db.execute(
                sql: "UPDATE staff SET disabled_at = ?, disabled_by = ? WHERE name = ?",
                arguments: [Self.timestamp(date), operatorName, name])
            try db.execute(
                sql: """
                    UPDATE staff_sessions SET ended_ms = ?
                    WHERE ended_ms IS NULL AND staff_id = (SELECT id FROM staff WHERE name = ?)
                    """, arguments: [date.milliseconds, name])
        }
    }

    /// Lets a disabled or locked account log in again.
    ///
    /// - Throws: `staff.unknown`, `staff.not-disabled`.
    public func enableStaff(name: String, by operatorName: String, at date: Date) throws {
        try perform(AuditAction("staff.enable", subject: name, by: .staff(operatorName), at: date)) { db in
            guard let member = try Self.staffMember(name, db) else { throw ProblemsError.error("staff.unknown", ["name": name]) }
            let locked = member.lockedUntil.map { $0 > date } ?? false
            if member.disabledAt == nil, !locked { throw ProblemsError.error("staff.not-disabled", ["name": name]) }
            try db.execute(
                sql: "UPDATE staff SET disabled_at = NULL, disabled_by = NULL, failed_logins = 0, locked_until_ms = NULL WHERE name = ?",
                arguments: [name])
        }
    }

    /// Replaces an account's password hash, which also clears a lockout.
    ///
    /// - Throws: `staff.unknown`.
    public func setPassword(name: String, password: String, by operatorName: String, at date: Date) throws {
        try perform(AuditAction("staff.password", subject: name, by: .staff(operatorName), at: date)) { db in
            guard try Self.staffMember(name, db) != nil else { throw ProblemsError.error("staff.unknown", ["name": name]) }
            try db.execute(
                sql: "UPDATE staff SET password = ?, failed_logins = 0, locked_until_ms = NULL WHERE name = ?", arguments: [password, name])
        }
    }

    /// Records a login attempt and, when the password matched, opens a session.
    ///
    /// - Parameters:
    ///   - checkedHash: the password hash `matched` was computed against; a password changed in
    ///     between counts as a wrong one.
    ///   - tokenHash: SHA-256 of the new session's token (hex).
    public func login(
        name: String, checkedHash: String?, matched: Bool, osUser: String, tokenHash: String, lasting duration: TimeInterval,
        policy: LoginPolicy, at now: Date
    ) throws -> StaffLoginOutcome {
        let action = AuditAction("staff.login", subject: name, by: .staff(name), details: ["os-user": osUser], at: now)
        return try perform(action) { db, action in
            // A refused login proves nobody's identity: it is recorded as CertDesk's, about the name typed.
            func refuse(_ reason: String) {
                action.action = "staff.login-failed"
                action.actor = .system
                action.details["reason"] = reason
                action.always = true
            }
            guard let member = try Self.staffMember(name, db) else {
                refuse("unknown-name")
                return .unknownName
            }
            if member.disabledAt != nil {
                refuse("disabled")
                return .disabled
            }
            if let until = member.lockedUntil, until > now {
                refuse("locked")
                return .locked(until: until)
            }
            let stored = try String.fetchOne(db, sql: "SELECT password FROM staff WHERE name = ?", arguments: [name])
            guard matched, stored == checkedHash else {
                refuse("wrong-password")
                let lockExpired = member.lockedUntil.map { $0 <= now } ?? false
                let failures = (lockExpired ? 0 : member.failedLogins) + 1
                let lockedUntil = failures >= policy.maxFailures ? now.addingTimeInterval(policy.lockout) : nil
                try db.execute(
                    sql: "UPDATE staff SET failed_logins = ?, locked_until_ms = ? WHERE name = ?",
                    arguments: [failures, lockedUntil?.milliseconds, name])
                return .wrongPassword(remaining: max(0, policy.maxFailures - failures), lockedUntil: lockedUntil)
            }
            try db.execute(sql: "UPDATE staff SET failed_logins = 0, locked_until_ms = NULL WHERE name = ?", arguments: [name])
            try db.execute(
                sql: """
                    INSERT INTO staff_sessions (staff_id, token_hash, os_user, opened_ms, expires_ms)
                    SELECT id, ?, ?, ?, ? FROM staff WHERE name = ?
                    """, arguments: [tokenHash, osUser, now.milliseconds, now.addingTimeInterval(duration).milliseconds, name])
            action.details["expires"] = Self.timestamp(now.addingTimeInterval(duration))
            return .opened(try Self.session(tokenHash, db)!)
        }
    }

    /// The session a token opened, if any (ended and expired ones included).
    public func session(tokenHash: String) throws -> StaffSession? {
        try writer.read { db in try Self.session(tokenHash, db) }
    }

    /// Ends a session; ending an ended one changes nothing.
    public func endSession(tokenHash: String, at now: Date) throws -> StaffSession? {
        try perform(AuditAction("staff.logout", subject: "", by: .system, at: now)) { db, action in
            guard let session = try Self.session(tokenHash, db) else { return nil }
            action.actor = .staff(session.staff.name)
            action.subject = session.staff.name
            if session.ended == nil {
                try db.execute(
                    sql: "UPDATE staff_sessions SET ended_ms = ? WHERE token_hash = ?", arguments: [now.milliseconds, tokenHash])
            }
            return session
        }
    }

    // MARK: Helpers

    private static let staffQuery = """
        SELECT s.*, (SELECT max(opened_ms) FROM staff_sessions WHERE staff_id = s.id) AS last_login_ms FROM staff s
        """

    static func staffMember(_ name: String, _ db: Database) throws -> StaffMember? {
        try Row.fetchOne(db, sql: staffQuery + " WHERE s.name = ?", arguments: [name]).map(staffMember)
    }

    static func activeAdministrators(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM staff WHERE role = 'administrator' AND disabled_at IS NULL") ?? 0
    }

    static func staffMember(_ row: Row) -> StaffMember {
        StaffMember(
            name: row["name"], role: StaffRole(rawValue: row["role"]) ?? .trainer, createdAt: parseTimestamp(row["created_at"]),
            createdBy: row["created_by"], disabledAt: (row["disabled_at"] as String?).map(parseTimestamp),
            disabledBy: row["disabled_by"], failedLogins: row["failed_logins"],
            lockedUntil: (row["locked_until_ms"] as Int64?).map(Date.init(milliseconds:)),
            lastLogin: (row["last_login_ms"] as Int64?).map(Date.init(milliseconds:)))
    }

    static func session(_ tokenHash: String, _ db: Database) throws -> StaffSession? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT k.*, s.name FROM staff_sessions k JOIN staff s ON s.id = k.staff_id WHERE k.token_hash = ?",
                arguments: [tokenHash]),
            let member = try staffMember(row["name"], db)
        else { return nil }
        return StaffSession(
            staff: member, osUser: row["os_user"], opened: Date(milliseconds: row["opened_ms"]),
            expires: Date(milliseconds: row["expires_ms"]), ended: (row["ended_ms"] as Int64?).map(Date.init(milliseconds:)))
    }
}
