extension JSONValue {
    /// The value as indented JSON text for people to read, ending in a newline.
    ///
    /// Members are sorted as JCS sorts them (by the UTF-16 code units of their names), and
    /// strings and numbers are written exactly as ``JCS`` writes them: only what JSON requires
    /// is escaped, so non-ASCII text such as Chinese stays as it is. Each level is indented by
    /// two spaces, a name is followed by `": "`, and an empty array or object is written `[]`
    /// or `{}`. Parsing the result gives the value back, so its JCS form is unchanged.
    ///
    /// ```swift
    /// JSONValue.object(["b": .array([]), "a": .string("證書")]).prettyPrinted()
    /// // {
    /// //   "a": "證書",
    /// //   "b": []
    /// // }
    /// ```
    public func prettyPrinted() -> String {
        var output = ""
        writePretty(to: &output, indentation: "")
        output += "\n"
        return output
    }

    private func writePretty(to output: inout String, indentation: String) {
        switch self {
        case .array(let elements) where !elements.isEmpty:
            let inner = indentation + "  "
            output += "[\n"
            for (position, element) in elements.enumerated() {
                if position > 0 { output += ",\n" }
                output += inner
                element.writePretty(to: &output, indentation: inner)
            }
            output += "\n" + indentation + "]"
        case .object(let members) where !members.isEmpty:
            let inner = indentation + "  "
            output += "{\n"
            // The same order as JCS.write: UTF-16 code units of the names.
            let names = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (position, name) in names.enumerated() {
                if position > 0 { output += ",\n" }
                output += inner
                JCS.writeString(name, to: &output)
                output += ": "
                members[name]!.writePretty(to: &output, indentation: inner)
            }
            output += "\n" + indentation + "}"
        default:
            // Scalars, `[]` and `{}` are written exactly as in the canonical form.
            JCS.write(self, to: &output)
        }
    }
}
