import CertDeskCore
import Yams

/// Parses a file's YAML into a node tree, turning Yams' errors into located problems.
enum YAMLDocument {
    static func root(of file: SourceFile) -> (Node?, [Problem]) {
        do {
            guard let node = try Yams.compose(yaml: file.text) else {
                return (nil, [.error("content.file.empty", at: SourceLocation(file: file.path, line: 1, column: 1))])
            }
            return (node, [])
        } catch let error as YamlError {
            return (nil, [problem(error, file: file.path)])
        } catch {
            return (
                nil,
                [
                    .error(
                        "content.yaml.syntax", ["detail": String(describing: error)],
                        at: SourceLocation(file: file.path, line: 1, column: 1))
                ]
            )
        }
    }

    private static func problem(_ error: YamlError, file: String) -> Problem {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return .error("content.yaml.syntax", ["detail": detail], at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error("content.yaml.duplicate-key", ["key": duplicates.joined(separator: ", ")], at: at(context.mark))
        case .reader(let problem, let offset, _, let yaml):
            var line = 1
            var column = 1
            if let offset {
                for character in yaml.utf8.prefix(offset) {
                    if character == 0x0A { line += 1; column = 1 } else { column += 1 }
                }
            }
            return .error(
                "content.yaml.syntax", ["detail": problem],
                at: SourceLocation(file: file, line: line, column: column))
        default:
            return .error(
                "content.yaml.syntax", ["detail": String(describing: error)],
                at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}
