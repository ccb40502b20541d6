import ArgumentParser
import CertDeskCore
import CertDeskKit
import CertDeskLocalization
import CertDeskStore
import CertDeskTerminal
import Foundation

/// `certdesk result ATTEMPT [--items] [--history] [--letter]`, or `certdesk result --candidate N`
/// for a candidate to read their own released result.
struct ResultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "result", abstract: help("help.result"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: argumentHelp("help.argument.attempt")) var attempt: Int64?
    @Option(name: .long, help: argumentHelp("help.option.result-candidate")) var candidate: String?
    @Flag(name: .long, help: argumentHelp("help.option.items")) var items = false
    @Flag(name: .long, help: argumentHelp("help.option.result-history")) var history = false
    @Flag(name: .long, help: argumentHelp("help.option.letter")) var letter = false

    struct Record: Encodable {
        var attempt: Int64
        var candidate: String
        var session: String
        var track: String
        var released: Bool
        var releasedAt: Date?
        var outcome: String
        var grade: AttemptGrade
        var history: [HistoryEntry]?
    }

    struct HistoryEntry: Encodable {
        var gradedAt: Date
        var gradedBy: String
        var cause: String
        var percentage: Double
        var outcome: String
    }

    func validate() throws {
        if (attempt == nil) == (candidate == nil) { throw ValidationError(help("result.usage")) }
    }

    func run() throws {
        let context = try CommandContext(global, command: Self.self, variant: candidate != nil ? "--candidate" : nil)
        try context.run {
            let desk = GradingDesk(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
            if let candidate { return try candidateView(candidate, desk: desk, context: context) }
            let (input, grades, released) = try desk.result(attempt: attempt!)
            guard let current = input.current else {
                throw ProblemsError.error("result.not-graded", ["id": String(attempt!), "session": input.attempt.sitting.id])
            }
            if letter {
                guard let released else {
                    throw ProblemsError.error("result.not-released", ["session": input.attempt.sitting.id])
                }
                return Console.out(
                    ResultLetter.render(input, current.grade, dated: released, context: context, explicitLanguage: global.lang != nil))
            }
            if output.json {
                return try Console.json(
                    Record(
                        attempt: input.attempt.id, candidate: input.attempt.candidate.number, session: input.attempt.sitting.id,
                        track: input.attempt.sitting.track, released: released != nil, releasedAt: released,
                        outcome: Figures.outcomeCode(current.grade), grade: current.grade,
                        history: grades.map {
                            HistoryEntry(
                                gradedAt: $0.gradedAt, gradedBy: $0.gradedBy, cause: $0.cause.rawValue, percentage: $0.grade.percentage,
                                outcome: Figures.outcomeCode($0.grade))
                        }))
            }
            printResult(input, current, grades: grades, released: released, context: context)
        }
    }

    func printResult(_ input: GradingInput, _ current: StoredGrade, grades: [StoredGrade], released: Date?, context: CommandContext) {
        let attempt = input.attempt
        let grade = current.grade
        let language = context.localizer.language
        Console.out(
            context.text(
                "result.heading",
                [
                    "id": String(attempt.id), "number": attempt.candidate.number, "name": attempt.candidate.displayName(for: language),
                    "session": attempt.sitting.id, "track": attempt.trackTitle.best(for: language),
                ]))
        Console.out(
            context.text(
                "result.score",
                [
                    "raw": Figures.points(grade.raw), "possible": Figures.points(grade.possible),
                    "percentage": Figures.percent(grade.percentage),
                    "pass": Figures.points(grade.passMark), "outcome": Figures.outcome(grade, context),
                ]))
        Console.out(
            released.map { context.text("result.released", ["at": attempt.sitting.localTime($0)]) }
                ?? context.text("result.unreleased"))
        let voided = grade.items.filter { $0.state == .voided }.count
        if voided > 0 { Console.out(context.text("result.voided", ["count": String(voided)])) }
        Console.out()
        var modules = Table(["module", "score", "percent"].map { context.text("column." + $0) }, rightAligned: [1, 2])
        let titles = Dictionary(attempt.items.map { ($0.question.module, $0.moduleTitle) }, uniquingKeysWith: { first, _ in first })
        for module in grade.modules {
            let title = titles[module.module]?.best(for: language) ?? module.module
            modules.add([
                "\(module.module) \(title)", "\(Figures.points(module.raw))/\(Figures.points(module.possible))",
                Figures.percent(module.percentage),
            ])
        }
        Console.out(modules.render())
        if items {
            Console.out()
            var table = Table(
                ["slot", "question", "version", "rule", "mark"].map { context.text("column." + $0) }, rightAligned: [0, 2, 4])
            for item in grade.items {
                let mark = item.mark.map { "\(Figures.points($0))/\(Figures.points(item.points))" } ?? "—"
                table.add([String(item.slot), item.questionID, String(item.version), context.text("rule." + item.rule), mark])
            }
            Console.out(table.render())
        }
        if history {
            Console.out()
            Console.out(context.text("result.history.heading", ["count": String(grades.count)]))
            for entry in grades {
                Console.out(
                    context.text(
                        "result.history.line",
                        [
                            "at": attempt.sitting.localTime(entry.gradedAt, "yyyy-MM-dd HH:mm:ss"), "by": entry.gradedBy,
                            "cause": context.text("result.cause." + entry.cause.rawValue),
                            "percentage": Figures.percent(entry.grade.percentage),
                            "outcome": Figures.outcome(entry.grade, context),
                        ]))
            }
        }
    }

    /// A candidate reads their own result: access code first, and only once released.
    func candidateView(_ number: String, desk: GradingDesk, context: CommandContext) throws {
        var code = context.environment["CERTDESK_ACCESS_CODE"]
        if code == nil {
            StandardOutput.write(context.text("room.login.code"))
            code = EchoControl.withoutEcho { readLine() } ?? ""
        }
        let sittings = try desk.candidateSittings(number: number, code: code ?? "", terminal: TerminalIdentity.current().name)
        let sat = sittings.filter { $0.attemptID != nil }
        guard !sat.isEmpty else { return Console.out(context.text("result.candidate.none")) }
        for sitting in sat {
            guard sitting.released, let id = sitting.attemptID else {
                Console.out(context.text("result.candidate.not-released", ["session": sitting.sitting.id]))
                continue
            }
            let (input, _, released) = try desk.result(attempt: id)
            if let current = input.current {
                Console.out(
                    ResultLetter.render(
                        input, current.grade, dated: released ?? Date(), context: context, explicitLanguage: global.lang != nil))
            }
        }
    }
}
