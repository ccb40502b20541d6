import CertDeskCore

/// Compares the three catalogs: every key in every language, the same placeholders everywhere.
public enum CatalogCheck {
    /// The problems found; empty when the catalogs agree.
    ///
    /// - Parameter requiredKeys: keys the code uses, which must all be present.
    public static func run(_ localizer: Localizer, requiredKeys: Set<String> = []) -> [Problem] {
        var problems: [Problem] = []
        guard let reference = localizer.catalog(.english) else { return [.error("locale.catalog.missing", ["language": "en"])] }
        for key in requiredKeys.subtracting(reference.entries.keys).sorted() {
            problems.append(
                .error(
                    "locale.check.unknown-key", ["key": key, "language": "en"],
                    at: SourceLocation(file: reference.path, line: 1, column: 1)))
        }
        for language in Language.allCases {
            guard let catalog = localizer.catalog(language) else {
                problems.append(.error("locale.catalog.missing", ["language": language.rawValue]))
                continue
            }
            for (key, entry) in catalog.entries.sorted(by: { $0.value.line < $1.value.line }) {
                let location = SourceLocation(file: catalog.path, line: entry.line, column: 1)
                if entry.text.isEmpty {
                    problems.append(.error("locale.check.empty", ["key": key, "language": language.rawValue], at: location))
                }
                guard language != .english else { continue }
                guard let original = reference.entries[key] else {
                    problems.append(.error("locale.check.extra-key", ["key": key, "language": language.rawValue], at: location))
                    continue
                }
                let expected = Catalog.placeholders(in: original.text)
                let found = Catalog.placeholders(in: entry.text)
                if expected != found {
                    problems.append(
                        .error(
                            "locale.check.placeholders",
                            [
                                "key": key, "language": language.rawValue,
                                "expected": expected.sorted().joined(separator: ", "),
                                "found": found.sorted().joined(separator: ", "),
                            ], at: location))
                }
            }
            if language != .english {
                for key in Set(reference.entries.keys).subtracting(catalog.entries.keys).sorted() {
                    problems.append(
                        .error(
                            "locale.check.missing-key", ["key": key, "language": language.rawValue],
                            at: SourceLocation(file: catalog.path, line: 1, column: 1)))
                }
            }
        }
        return problems
    }
}
