import CertDeskCore
import Foundation

/// A staff account as listed (never with its password hash).
public struct StaffMember: Sendable, Equatable, Codable {
    public var name: String
    public var role: StaffRole
    public var createdAt: Date
    public var createdBy: String
    public var disabledAt: Date?
    public var disabledBy: String?
    /// Wrong passwords since the last successful login.
    public var failedLogins: Int
    public var lockedUntil: Date?
    public var lastLogin: Date?
}

/// An open (or once open) staff session, found by its token's hash.
public struct StaffSession: Sendable, Equatable {
    public var staff: StaffMember
    public var osUser: String
    public var opened: Date
    public var expires: Date
    public var ended: Date?
}

/// How a staff login went. Every refusal is recorded in the audit log.
public enum StaffLoginOutcome: Sendable, Equatable {
    case opened(StaffSession)
    case unknownName
    case disabled
    /// Locked until the date, after too many wrong passwords.
    case locked(until: Date)
    /// `remaining` wrong passwords are allowed before the account locks (0: it has just locked).
    case wrongPassword(remaining: Int, lockedUntil: Date?)
}

/// The rules a login follows.
public struct LoginPolicy: Sendable {
    /// Wrong passwords in a row that lock the account.
    public var maxFailures = 5
    /// How long a locked account stays locked.
    public var lockout: TimeInterval = 15 * 60

    public init() {}
}
