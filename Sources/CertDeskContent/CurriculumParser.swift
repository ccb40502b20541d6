import CertDeskCore
import Yams

/// A curriculum read from a file, with where it came from.
public struct ParsedCurriculum: Sendable {
    public var curriculum: Curriculum
    public var location: SourceLocation
    /// SHA-256 of the curriculum's reviewed content; equal hashes mean unchanged content.
    public var contentHash: String
    /// Where each module is defined, by module id.
    public var moduleLocations: [String: SourceLocation]
    /// Where each blueprint entry is, by module id.
    public var blueprintLocations: [String: SourceLocation]
}

/// Reads curriculum files (`curricula/*.yaml`).
public enum CurriculumParser {
    static let topKeys = [
        "track", "title", "description", "level", "prerequisites", "eligibility", "fees", "modules", "exam",
        "credential", "language",
    ]

    /// Parses one file; problems are gathered, never thrown.
    public static func parse(_ file: SourceFile) -> (ParsedCurriculum?, [Problem]) {
        let (root, syntaxProblems) = YAMLDocument.root(of: file)
        guard let root else { return (nil, syntaxProblems) }
        var reader = NodeReader(file: file.path)
        guard let fields = reader.fields(root, allowed: topKeys, context: "curriculum") else { return (nil, reader.problems) }
        if let languageNode = fields["language"] {
            reader.declaredLanguage = ContentRules.declaredLanguage(languageNode, reader: &reader)
        }
        let track = reader.string(reader.require(fields, "track"), field: "track").flatMap {
            ContentRules.trackCode($0, node: fields["track"], reader: &reader)
        }
        let title = reader.localizedText(reader.require(fields, "title"), field: "title", subject: track)
        let description = reader.localizedText(fields["description"], field: "description", subject: track)
        let level = reader.integer(reader.require(fields, "level"), field: "level", range: 1...3, subject: track)
        var prerequisites: [String] = []
        if let nodes = reader.sequence(fields["prerequisites"], field: "prerequisites", subject: track) {
            for node in nodes {
                guard let code = reader.string(node, field: "prerequisites", subject: track),
                    let valid = ContentRules.trackCode(code, node: node, reader: &reader)
                else { continue }
                if valid == track {
                    reader.error("content.curriculum.self-prerequisite", ["track": valid], at: node, subject: track)
                } else if prerequisites.contains(valid) {
                    reader.error("content.curriculum.duplicate-prerequisite", ["track": valid], at: node, subject: track)
                } else {
                    prerequisites.append(valid)
                }
            }
        }
        var eligibility: [LocalizedText] = []
        for node in reader.sequence(fields["eligibility"], field: "eligibility", subject: track) ?? [] {
            if let text = reader.localizedText(node, field: "eligibility", subject: track) { eligibility.append(text) }
        }
        let fees = fields["fees"].flatMap { parseFees($0, reader: &reader, track: track) }
        let (modules, moduleLocations) = parseModules(reader.require(fields, "modules"), reader: &reader, track: track)
        let (exam, blueprintLocations) = parseExam(reader.require(fields, "exam"), modules: modules, reader: &reader, track: track)
        let credential = parseCredential(reader.require(fields, "credential"), reader: &reader, track: track)

        guard let track, let title, let level, let modules, let exam, let credential,
            !reader.problems.contains(where: { $0.severity == .error })
        else { return (nil, syntaxProblems + reader.problems) }
        let curriculum = Curriculum(
            track: track, title: title, description: description, level: level, prerequisites: prerequisites,
            eligibility: eligibility, fees: fees, modules: modules, exam: exam, credential: credential)
        let parsed = ParsedCurriculum(
            curriculum: curriculum, location: reader.location(of: root),
            contentHash: ContentHash.of(curriculum), moduleLocations: moduleLocations,
            blueprintLocations: blueprintLocations)
        return (parsed, reader.problems)
    }

    private static func parseFees(_ node: Node, reader: inout NodeReader, track: String?) -> Fees? {
        guard let fields = reader.fields(node, allowed: ["currency", "training", "exam", "renewal"], context: "fees", subject: track),
            let currency = reader.string(reader.require(fields, "currency"), field: "fees.currency", subject: track)
        else { return nil }
        return Fees(
            currency: currency,
            training: reader.number(fields["training"], field: "fees.training", minimum: 0, subject: track),
            exam: reader.number(fields["exam"], field: "fees.exam", minimum: 0, subject: track),
            renewal: reader.number(fields["renewal"], field: "fees.renewal", minimum: 0, subject: track))
    }

    private static func parseModules(_ node: Node?, reader: inout NodeReader, track: String?)
        -> ([Module]?, [String: SourceLocation])
    {
        guard let nodes = reader.sequence(node, field: "modules", subject: track) else { return (nil, [:]) }
        if nodes.isEmpty {
            reader.error("content.curriculum.no-modules", at: node, subject: track)
            return (nil, [:])
        }
        var modules: [Module] = []
        var locations: [String: SourceLocation] = [:]
        for moduleNode in nodes {
            guard
                let fields = reader.fields(
                    moduleNode, allowed: ["id", "title", "hours", "objectives"],
                    context: "modules", subject: track)
            else { continue }
            guard let id = reader.string(reader.require(fields, "id"), field: "modules.id", subject: track) else { continue }
            guard ContentRules.isValidIdentifier(id) else {
                reader.error("content.id.invalid", ["id": id], at: fields["id"], subject: track)
                continue
            }
            if let first = locations[id] {
                reader.error("content.module.duplicate-id", ["module": id, "first": first.description], at: fields["id"], subject: id)
                continue
            }
            locations[id] = reader.location(of: moduleNode)
            let title = reader.localizedText(reader.require(fields, "title"), field: "title", subject: id)
            let hours = reader.number(
                reader.require(fields, "hours"), field: "hours", minimum: 0, maximum: 1000,
                exclusiveMinimum: true, subject: id)
            var objectives: [LocalizedText] = []
            if let objectiveNodes = reader.sequence(reader.require(fields, "objectives"), field: "objectives", subject: id) {
                if objectiveNodes.isEmpty {
                    reader.error("content.module.no-objectives", ["module": id], at: fields["objectives"], subject: id)
                }
                for objectiveNode in objectiveNodes {
                    if let text = reader.localizedText(objectiveNode, field: "objectives", subject: id) { objectives.append(text) }
                }
            }
            if let title, let hours { modules.append(Module(id: id, title: title, hours: hours, objectives: objectives)) }
        }
        return (modules, locations)
    }

    private static func parseExam(_ node: Node?, modules: [Module]?, reader: inout NodeReader, track: String?)
        -> (ExamRules?, [String: SourceLocation])
    {
        guard let node,
            let fields = reader.fields(
                node, allowed: ["duration", "pass-mark", "blueprint", "marking"], context: "exam", subject: track)
        else { return (nil, [:]) }
        let duration = reader.integer(reader.require(fields, "duration"), field: "exam.duration", range: 1...1440, subject: track)
        let passMark = reader.number(
            reader.require(fields, "pass-mark"), field: "exam.pass-mark", minimum: 0, maximum: 100,
            exclusiveMinimum: true, subject: track)
        var entries: [BlueprintEntry] = []
        var locations: [String: SourceLocation] = [:]
        let moduleIds = Set((modules ?? []).map(\.id))
        if let nodes = reader.sequence(reader.require(fields, "blueprint"), field: "exam.blueprint", subject: track) {
            if nodes.isEmpty { reader.error("content.blueprint.empty", at: fields["blueprint"], subject: track) }
            for entryNode in nodes {
                guard
                    let entry = reader.fields(
                        entryNode, allowed: ["module", "questions", "difficulty"],
                        context: "exam.blueprint", subject: track),
                    let module = reader.string(reader.require(entry, "module"), field: "blueprint.module", subject: track)
                else { continue }
                if modules != nil, !moduleIds.contains(module) {
                    reader.error(
                        "content.blueprint.unknown-module", ["module": module, "track": track ?? "?"],
                        at: entry["module"], subject: module)
                    continue
                }
                if let first = locations[module] {
                    reader.error(
                        "content.blueprint.duplicate-module", ["module": module, "first": first.description],
                        at: entry["module"], subject: module)
                    continue
                }
                locations[module] = reader.location(of: entryNode)
                guard
                    let count = reader.integer(
                        reader.require(entry, "questions"), field: "blueprint.questions",
                        range: 1...500, subject: module)
                else { continue }
                var mix: [Int: Int] = [:]
                if let mixNode = entry["difficulty"] {
                    guard case .mapping(let mapping) = mixNode else {
                        reader.error("content.blueprint.bad-mix", ["module": module], at: mixNode, subject: module)
                        continue
                    }
                    for (levelNode, countNode) in mapping {
                        guard let level = reader.integer(levelNode, field: "blueprint.difficulty", range: 1...5, subject: module),
                            let wanted = reader.integer(countNode, field: "blueprint.difficulty.\(level)", range: 0...500, subject: module)
                        else { continue }
                        if wanted > 0 { mix[level] = wanted }
                    }
                    let total = mix.values.reduce(0, +)
                    if total != count {
                        reader.error(
                            "content.blueprint.mix-total", ["module": module, "mix": String(total), "questions": String(count)],
                            at: mixNode, subject: module)
                        continue
                    }
                }
                entries.append(BlueprintEntry(module: module, questions: count, difficulty: mix))
            }
        }
        let marking = fields["marking"].map { parseMarking($0, reader: &reader, track: track) } ?? MarkingRules()
        guard let duration, let passMark, let marking else { return (nil, locations) }
        return (ExamRules(durationMinutes: duration, passMark: passMark, blueprint: entries, marking: marking), locations)
    }

    /// `marking: {second-marker: true, max-difference: 2, resolution: third-marker}`
    private static func parseMarking(_ node: Node, reader: inout NodeReader, track: String?) -> MarkingRules? {
        guard
            let fields = reader.fields(
                node, allowed: ["second-marker", "max-difference", "resolution"], context: "exam.marking", subject: track)
        else { return nil }
        let second = reader.boolean(reader.require(fields, "second-marker"), field: "exam.marking.second-marker", subject: track)
        var rules = MarkingRules(secondMarker: second ?? false)
        if let node = fields["max-difference"] {
            guard let difference = reader.number(node, field: "exam.marking.max-difference", minimum: 0, maximum: 1000, subject: track)
            else { return nil }
            rules.maxDifference = difference
        }
        if let node = fields["resolution"], let raw = reader.string(node, field: "exam.marking.resolution", subject: track) {
            guard let resolution = MarkingRules.Resolution(rawValue: raw) else {
                reader.error(
                    "content.marking.bad-resolution",
                    ["value": raw, "allowed": MarkingRules.Resolution.allCases.map(\.rawValue).joined(separator: ", ")],
                    at: node, subject: track)
                return nil
            }
            rules.resolution = resolution
        }
        if second != nil, !rules.secondMarker, fields["max-difference"] != nil || fields["resolution"] != nil {
            reader.warning("content.marking.single-marker-rules", at: node, subject: track)
        }
        return second == nil ? nil : rules
    }

    private static func parseCredential(_ node: Node?, reader: inout NodeReader, track: String?) -> CredentialRules? {
        guard let node,
            let fields = reader.fields(node, allowed: ["valid-years", "renewal-cpd-hours"], context: "credential", subject: track),
            let years = reader.integer(
                reader.require(fields, "valid-years"), field: "credential.valid-years", range: 1...50, subject: track),
            let hours = reader.number(
                reader.require(fields, "renewal-cpd-hours"), field: "credential.renewal-cpd-hours",
                minimum: 0, maximum: 10000, subject: track)
        else { return nil }
        return CredentialRules(validYears: years, renewalCPDHours: hours)
    }
}
