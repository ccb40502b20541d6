import CertDeskCore
import CertDeskStore
import Foundation

/// Staff accounts and sessions: adding and disabling accounts, logging in and out, and
/// checking the session a command runs under.
public struct StaffDesk: Sendable {
    public let store: Store
    let now: @Sendable () -> Date
    /// Waits after a refused login, so passwords cannot be tried quickly.
    let pause: @Sendable (TimeInterval) -> Void
    public var policy = LoginPolicy()

    /// How long a refused login waits before answering.
    public static let failureDelay: TimeInterval = 1
    /// How long a session lasts unless `login --hours` says otherwise, and the longest it may.
    public static let defaultHours = 8
    public static let maximumHours = 12

    public init(
        store: Store, now: @escaping @Sendable () -> Date = { Date() },
        pause: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
    ) {
        self.store = store
        self.now = now
        self.pause = pause
    }

    /// The hash unknown names are checked against: the same work as a real one.
    static let standIn = (try? PasswordHasher.hash("certdesk stand-in password")) ?? ""

    /// Names CertDesk itself uses in the audit log.
    static let reservedNames: Set = [AuditActor.systemName, "system"]

    /// Checks an account name: 2 to 32 of a–z, 0–9, `.`, `_`, `-`, starting with a letter.
    ///
    /// - Returns: the name in lower case.
    /// - Throws: `staff.name-invalid`.
    public static func checkName(_ name: String) throws -> String {
        let lowered = name.lowercased()
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (2...32).contains(lowered.count), lowered.first.map({ $0 >= "a" && $0 <= "z" }) ?? false,
            lowered.allSatisfy({ allowed.contains($0) })
        else { throw ProblemsError.error("staff.name-invalid", ["name": name]) }
        if reservedNames.contains(lowered) { throw ProblemsError.error("staff.name-reserved", ["name": lowered]) }
        return lowered
    }

    /// Adds an account; `by` is `nil` only for the first administrator.
    ///
    /// - Throws: `staff.name-invalid`, the password rule's problems, `staff.exists`, `staff.first-exists`.
    @discardableResult
    public func add(name: String, role: StaffRole, password: String, by operatorName: String?) throws -> StaffMember {
        let name = try Self.checkName(name)
        let problems = PasswordRule.problems(password, name: name)
        if !problems.isEmpty { throw ProblemsError(problems) }
        return try store.addStaff(name: name, role: role, password: try PasswordHasher.hash(password), by: operatorName, at: now())
    }

    /// Sets a new password for an account.
    public func setPassword(name: String, password: String, by operatorName: String) throws {
        let problems = PasswordRule.problems(password, name: name)
        if !problems.isEmpty { throw ProblemsError(problems) }
        try store.setPassword(name: name, password: try PasswordHasher.hash(password), by: operatorName, at: now())
    }

    /// Checks a password and opens a session.
    ///
    /// - Returns: the session and its token, which only the session file keeps.
    /// - Throws: `staff.login.wrong` (unknown name or wrong password, not saying which),
    ///   `staff.login.locked`, `staff.login.disabled`, `session.hours-invalid`.
    public func login(name: String, password: String, osUser: String, hours: Int = defaultHours) throws -> (
        session: StaffSession, token: String
    ) {
        guard (1...Self.maximumHours).contains(hours) else {
            throw ProblemsError.error("session.hours-invalid", ["value": String(hours), "maximum": String(Self.maximumHours)])
        }
        let name = name.lowercased()
        let stored = try store.passwordHash(staff: name)
        // An unknown name is checked against a stand-in hash, so the time taken does not tell which names exist.
        let matched = PasswordHasher.verify(password, against: stored ?? Self.standIn) && stored != nil
        let token = SessionFile.newToken()
        let outcome = try store.login(
            name: name, checkedHash: stored, matched: matched, osUser: osUser, tokenHash: SessionFile.hash(token),
            lasting: TimeInterval(hours * 3600), policy: policy, at: now())
        switch outcome {
        case .opened(let session):
            return (session, token)
        case .unknownName, .wrongPassword(_, nil):
            pause(Self.failureDelay)
            throw ProblemsError.error(
                "staff.login.wrong", ["name": name, "tries": String(policy.maxFailures), "minutes": String(Int(policy.lockout / 60))])
        case .wrongPassword(_, .some(let until)), .locked(let until):
            pause(Self.failureDelay)
            throw ProblemsError.error(
                "staff.login.locked", ["name": name, "until": Self.clock(until), "minutes": String(Int(policy.lockout / 60))])
        case .disabled:
            pause(Self.failureDelay)
            throw ProblemsError.error("staff.login.disabled", ["name": name])
        }
    }

    /// The session a token opened, if it may still be used by `osUser`.
    ///
    /// - Throws: `session.unknown`, `session.ended`, `session.expired`, `session.other-user`, `staff.disabled`.
    public func authenticate(token: String, osUser: String) throws -> StaffSession {
        guard let session = try store.session(tokenHash: SessionFile.hash(token)) else {
            throw ProblemsError.error("session.not-known")
        }
        if let ended = session.ended { throw ProblemsError.error("session.ended", ["time": Self.clock(ended)]) }
        if session.expires <= now() {
            throw ProblemsError.error("session.expired", ["time": Self.clock(session.expires), "name": session.staff.name])
        }
        if session.osUser != osUser {
            throw ProblemsError.error("session.other-user", ["owner": session.osUser, "user": osUser])
        }
        if session.staff.disabledAt != nil { throw ProblemsError.error("staff.disabled", ["name": session.staff.name]) }
        return session
    }

    /// Ends the session of a token.
    public func logout(token: String) throws -> StaffSession? {
        try store.endSession(tokenHash: SessionFile.hash(token), at: now())
    }

    /// A time as `YYYY-MM-DD HH:MM` in the machine's time zone.
    static func clock(_ date: Date) -> String { ClockText.format(date, "yyyy-MM-dd HH:mm") }
}
