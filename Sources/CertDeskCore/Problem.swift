/// Something wrong (or worth a warning) found by CertDesk, described by a message key, never prose.
///
/// The text a person reads is made at the edge by the `Localizer` from `key` and `arguments`,
/// in that person's language; the catalog entry says what went wrong and how to fix it.
///
/// ```swift
/// Problem(.error, "content.question.duplicate-id", ["id": "CCCP-01-001", "first": "a.yaml:3:5"], at: location)
/// ```
public struct Problem: Sendable, Hashable, Codable {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Codable, Hashable {
        /// Stops the operation; nothing is written.
        case error
        /// Reported; the operation goes on.
        case warning
    }

    public var severity: Severity
    /// The catalog key of the message, e.g. `content.option.no-correct`.
    public var key: String
    /// Named values the message refers to, e.g. `id`, `module`.
    public var arguments: [String: String]
    /// Where in a content file, if the problem has a place.
    public var location: SourceLocation?
    /// The id of the question, module or track concerned, if any.
    public var subject: String?

    public init(
        _ severity: Severity, _ key: String, _ arguments: [String: String] = [:],
        at location: SourceLocation? = nil, subject: String? = nil
    ) {
        self.severity = severity
        self.key = key
        self.arguments = arguments
        self.location = location
        self.subject = subject
    }

    /// An error with this key.
    public static func error(
        _ key: String, _ arguments: [String: String] = [:], at location: SourceLocation? = nil, subject: String? = nil
    ) -> Problem {
        Problem(.error, key, arguments, at: location, subject: subject)
    }

    /// A warning with this key.
    public static func warning(
        _ key: String, _ arguments: [String: String] = [:], at location: SourceLocation? = nil, subject: String? = nil
    ) -> Problem {
        Problem(.warning, key, arguments, at: location, subject: subject)
    }
}

/// An operation refused, with every problem found (not just the first).
public struct ProblemsError: Error, Sendable {
    public var problems: [Problem]

    public init(_ problems: [Problem]) { self.problems = problems }

    public init(_ problem: Problem) { self.problems = [problem] }

    /// A single error with this key.
    public static func error(_ key: String, _ arguments: [String: String] = [:], subject: String? = nil) -> ProblemsError {
        ProblemsError(.error(key, arguments, subject: subject))
    }
}
