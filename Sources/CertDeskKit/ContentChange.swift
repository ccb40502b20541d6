import CertDeskCore

/// What a loader does (or, in a dry run, would do) to one curriculum or question.
public struct ContentChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case added, changed, unchanged
    }

    /// The track code or question id.
    public var id: String
    /// The track the content belongs to.
    public var track: String
    public var kind: Kind
    /// The version the content has (or would have) after the load.
    public var version: Int
    /// `file:line:column` the content was read from.
    public var source: String
}

/// The outcome of a loader run.
public struct LoadReport: Sendable, Codable {
    public var changes: [ContentChange]
    /// Warnings (errors make the load throw instead).
    public var warnings: [Problem]
    public var dryRun: Bool

    public func count(_ kind: ContentChange.Kind) -> Int { changes.filter { $0.kind == kind }.count }
}
