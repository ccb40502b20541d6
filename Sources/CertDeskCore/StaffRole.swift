/// What a member of staff may do. Administrators may also do everything trainers do.
public enum StaffRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// Loads curricula and banks, records training, marks essays, reads item reports.
    case trainer
    /// Runs candidates, sessions, results, credentials, keys, staff accounts and the audit log.
    case administrator

    /// Whether this role includes `other`.
    public func includes(_ other: StaffRole) -> Bool {
        self == other || self == .administrator
    }
}
