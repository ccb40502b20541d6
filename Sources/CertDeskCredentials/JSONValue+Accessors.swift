extension JSONValue {
    /// The elements of an array, or `nil` for any other value.
    ///
    /// ```swift
    /// JSONValue.array([.null]).arrayValue  // [.null]
    /// JSONValue.string("a").arrayValue     // nil
    /// ```
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The value of a number, or `nil` for any other value.
    ///
    /// A string of digits is not a number: `JSONValue.string("12").numberValue` is `nil`.
    public var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The value of `true` or `false`, or `nil` for any other value (`null` included).
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }
}
