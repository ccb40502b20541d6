import Foundation

/// Who changed data: a member of staff, a candidate in the exam room, or CertDesk itself.
public enum AuditActor: Sendable, Hashable {
    case staff(String)
    case candidate(String)
    /// The candidate whose attempt this is; the store looks the number up.
    case attempt(Int64)
    case system

    /// The name CertDesk itself acts under (automatic grading); no staff account may take it.
    public static let systemName = "certdesk"

    /// A staff member by name, or CertDesk itself under ``systemName``.
    public static func named(_ operatorName: String) -> AuditActor {
        operatorName == systemName ? .system : .staff(operatorName)
    }
}

/// What one write transaction does, as the audit log records it: who, what, to what and why.
///
/// `action` is a message key suffix (`result.release`); `subject` names what was acted on
/// (a session id, a candidate number, a credential number). `details` hold small facts for
/// the reader and never personal data (no ID document, no email).
public struct AuditAction: Sendable {
    public var actor: AuditActor
    public var action: String
    public var subject: String
    public var reason: String?
    public var details: [String: String]
    public var at: Date
    /// Record the entry even when no row changed (a refused login, for instance).
    public var always: Bool

    public init(
        _ action: String, subject: String, by actor: AuditActor, reason: String? = nil, details: [String: String] = [:],
        at: Date = Date(), always: Bool = false
    ) {
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.reason = reason
        self.details = details
        self.always = always
    }
}

/// One entry of the audit log, as read back.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var seq: Int64
    public var at: Date
    public var actorKind: String
    public var actor: String
    public var action: String
    public var subject: String
    public var reason: String?
    public var details: [String: String]
    /// How many rows the entry recorded.
    public var changes: Int
    public var hash: String
}
