/// What a candidate answered to one item.
public enum Answer: Sendable, Hashable, Codable {
    /// Option ids chosen (single, multiple, and true-false items shown as two options).
    case choices([String])
    /// Text typed (short answer, numeric, essay), exactly as typed.
    case text(String)

    private enum CodingKeys: String, CodingKey { case choices, text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let choices = try container.decodeIfPresent([String].self, forKey: .choices) {
            self = .choices(choices)
        } else {
            self = .text(try container.decode(String.self, forKey: .text))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .choices(let ids): try container.encode(ids, forKey: .choices)
        case .text(let text): try container.encode(text, forKey: .text)
        }
    }

    /// Whether the answer says nothing (no option, or only white space).
    public var isBlank: Bool {
        switch self {
        case .choices(let ids): ids.isEmpty
        case .text(let text): text.allSatisfy(\.isWhitespace)
        }
    }
}

/// The option ids a true-false item shows: the statement is true, or false.
public enum TrueFalseOption {
    public static let trueID = "true"
    public static let falseID = "false"
}
