import ArgumentParser
import CertDeskCore
import CertDeskKit
import CertDeskStore
import Foundation

/// `certdesk results --session S [--csv|--json]`: every candidate's result, in the reader's name order.
struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "results", abstract: help("help.results"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var export: ExportOptions
    @Option(name: .long, help: argumentHelp("help.option.session")) var session: String

    struct Row: Encodable {
        var number: String
        var name: String
        var attempt: Int64?
        /// `absent`, `in-progress`, `pass`, `fail`, `provisional`.
        var outcome: String
        var raw: Double?
        var possible: Double?
        var percentage: Double?
    }

    struct Listing: Encodable {
        var session: String
        var track: String
        var passMark: Double
        var released: Bool
        var releasedAt: Date?
        var results: [Row]
    }

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let desk = GradingDesk(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
            let results = try desk.results(sitting: session.uppercased())
            let language = context.localizer.language
            let unsorted = results.entries.map { entry in
                let grade = entry.grade?.grade
                let outcome =
                    entry.attemptID == nil ? "absent" : entry.submission == nil ? "in-progress" : Figures.outcomeCode(grade)
                return Row(
                    number: entry.candidate.number, name: entry.candidate.displayName(for: language), attempt: entry.attemptID,
                    outcome: outcome, raw: grade?.raw, possible: grade?.possible, percentage: grade?.percentage)
            }
            // Family name first, as registers are kept, in the reader's collation.
            let sortNames = Dictionary(
                results.entries.map { ($0.candidate.number, $0.candidate.sortName(for: language)) }, uniquingKeysWith: { first, _ in first }
            )
            let rows = context.localizer.collator.sorted(unsorted) { (sortNames[$0.number] ?? $0.name) + "\u{1}" + $0.number }
            let listing = Listing(
                session: results.sitting.id, track: results.sitting.track, passMark: results.curriculum.exam.passMark,
                released: results.released != nil, releasedAt: results.released?.at, results: rows)
            if export.json { return try Console.json(listing) }
            if export.csv {
                return Console.raw(
                    CSV.render(
                        ["number", "name", "attempt", "outcome", "raw", "possible", "percentage"],
                        rows.map {
                            [
                                $0.number, $0.name, $0.attempt.map(String.init) ?? "", $0.outcome, $0.raw.map(Figures.points) ?? "",
                                $0.possible.map(Figures.points) ?? "", $0.percentage.map { String($0) } ?? "",
                            ]
                        }))
            }
            let sitting = results.sitting
            Console.out(
                context.text(
                    "results.heading",
                    [
                        "session": sitting.id, "track": results.curriculum.title.best(for: language),
                        "starts": sitting.localTime(sitting.startsAt),
                        "centre": sitting.centre, "pass": Figures.points(results.curriculum.exam.passMark),
                    ]))
            Console.out(
                results.released.map { context.text("result.released", ["at": sitting.localTime($0.at)]) }
                    ?? context.text("result.unreleased"))
            guard !rows.isEmpty else { return Console.out(context.text("results.none", ["session": sitting.id])) }
            var table = Table(
                ["number", "name", "attempt", "score", "percent", "outcome"].map { context.text("column." + $0) }, rightAligned: [2, 3, 4])
            let entries = Dictionary(results.entries.map { ($0.candidate.number, $0) }, uniquingKeysWith: { first, _ in first })
            for row in rows {
                let entry = entries[row.number]
                let outcome: String
                switch row.outcome {
                case "absent", "in-progress": outcome = context.text("result.state." + row.outcome)
                default: outcome = Figures.outcome(entry?.grade?.grade, context)
                }
                table.add([
                    row.number, row.name, row.attempt.map(String.init) ?? "—",
                    row.raw.map { "\(Figures.points($0))/\(Figures.points(row.possible ?? 0))" } ?? "—",
                    row.percentage.map(Figures.percent) ?? "—", outcome,
                ])
            }
            Console.out(table.render())
            let passed = rows.filter { $0.outcome == "pass" }.count
            let final = rows.filter { $0.outcome == "pass" || $0.outcome == "fail" }.count
            Console.out(context.text("results.summary", ["passed": String(passed), "final": String(final), "count": String(rows.count)]))
        }
    }
}

/// `certdesk release --session S`: lets the candidates of a sitting see their results.
struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "release", abstract: help("help.release"))

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: argumentHelp("help.option.session")) var session: String

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let desk = GradingDesk(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
            let released = try desk.release(sitting: session.uppercased())
            Console.out(context.text("release.done", ["session": session.uppercased(), "count": String(released.count)]))
            let changed = released.filter { $0.stored && $0.previous != nil }
            if !changed.isEmpty {
                Console.out(context.text("release.regraded", ["count": String(changed.count)]))
                for change in changed {
                    let before = change.previous.map { "\(Figures.percent($0.percentage))% \(Figures.outcome($0, context))" } ?? "—"
                    let after = "\(Figures.percent(change.current.percentage))% \(Figures.outcome(change.current, context))"
                    Console.out("  \(change.candidateNumber)  \(before) → \(after)")
                }
            }
        }
    }
}

/// `certdesk item void ID --reason TEXT`: withdraws a faulty question from every result.
struct ItemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "item", abstract: help("help.item"), subcommands: [VoidItem.self, Voided.self])

    struct VoidItem: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "void", abstract: help("help.item.void"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: argumentHelp("help.argument.question")) var id: String
        @Option(name: .long, help: argumentHelp("help.option.reason")) var reason: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let desk = GradingDesk(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
                let impact = try desk.void(question: id, reason: reason)
                Console.out(context.text("item.void.done", ["id": impact.questionID, "reason": reason]))
                if impact.sittings.isEmpty { return Console.out(context.text("item.void.unused")) }
                let list = impact.sittings.map { "\($0.sittingID) (\($0.papers))" }.joined(separator: ", ")
                Console.out(
                    context.text("item.void.impact", ["count": String(impact.sittings.reduce(0) { $0 + $1.papers }), "sessions": list]))
                for sitting in impact.sittings {
                    Console.out("  certdesk regrade --session \(sitting.sittingID)")
                }
            }
        }
    }

    /// `certdesk item voided`: the questions withdrawn, with why.
    struct Voided: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "voided", abstract: help("help.item.voided"))

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let voided = try context.openStore().voidedQuestions()
                if voided.isEmpty { return Console.out(context.text("item.voided.none")) }
                var table = Table(["question", "voided-at", "by", "reason"].map { context.text("column." + $0) })
                for entry in voided { table.add([entry.id, ClockText.format(entry.at, "yyyy-MM-dd HH:mm"), entry.by, entry.reason]) }
                Console.out(table.render())
            }
        }
    }
}

/// `certdesk regrade --session S`: grades a sitting again and says whose result changed.
struct RegradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "regrade", abstract: help("help.regrade"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .long, help: argumentHelp("help.option.session")) var session: String

    struct Change: Encodable {
        var number: String
        var attempt: Int64
        var before: Double?
        var after: Double
        var outcomeBefore: String
        var outcomeAfter: String
    }

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let desk = GradingDesk(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
            let report = try desk.regrade(sitting: session.uppercased())
            let changes = report.changed.map {
                Change(
                    number: $0.candidateNumber, attempt: $0.attemptID, before: $0.previous?.percentage, after: $0.current.percentage,
                    outcomeBefore: Figures.outcomeCode($0.previous), outcomeAfter: Figures.outcomeCode($0.current))
            }
            if output.json {
                struct Report: Encodable {
                    var session: String
                    var graded: Int
                    var provisional: Int
                    var changed: [Change]
                }
                return try Console.json(
                    Report(session: report.sittingID, graded: report.graded, provisional: report.provisional, changed: changes))
            }
            Console.out(
                context.text(
                    "regrade.summary",
                    [
                        "session": report.sittingID, "graded": String(report.graded), "changed": String(report.changed.count),
                        "outcomes": String(report.outcomeChanged.count),
                    ]))
            if !report.changed.isEmpty {
                var table = Table(
                    ["number", "attempt", "before", "after", "outcome"].map { context.text("column." + $0) }, rightAligned: [1, 2, 3])
                for change in report.changed {
                    let before = Figures.outcome(change.previous, context)
                    let after = Figures.outcome(change.current, context)
                    let outcomeChanged = change.previous?.passed != change.current.passed && change.previous?.passed != nil
                    table.add([
                        change.candidateNumber, String(change.attemptID), change.previous.map { Figures.percent($0.percentage) } ?? "—",
                        Figures.percent(change.current.percentage), outcomeChanged ? "\(before) → \(after)" : after,
                    ])
                }
                Console.out(table.render())
            }
            if report.provisional > 0 {
                Console.out(context.text("regrade.provisional", ["count": String(report.provisional), "session": report.sittingID]))
            }
            if let released = report.releasedAt, !report.changed.isEmpty {
                Console.out(context.text("regrade.released", ["at": ClockText.format(released, "yyyy-MM-dd HH:mm")]))
            }
        }
    }
}
