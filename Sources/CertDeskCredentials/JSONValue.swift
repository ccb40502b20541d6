/// A JSON value as RFC 8259 defines it, with numbers held as IEEE 754 doubles (the I-JSON model JCS relies on).
///
/// Object member order is not kept: the JSON Canonicalization Scheme sorts members anyway.
///
/// ```swift
/// let value: JSONValue = .object(["b": .number(1), "a": .array([.null, .bool(true)])])
/// JCS.canonicalize(value)  // {"a":[null,true],"b":1}
/// ```
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The members of an object, or `nil` for any other value.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The text of a string, or `nil` for any other value.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The member named `key` of an object, or `nil`.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}
