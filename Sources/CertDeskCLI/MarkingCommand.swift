import ArgumentParser
import CertDeskCore
import CertDeskGrading
import CertDeskKit
import CertDeskStore
import CertDeskText
import Foundation

/// `certdesk marking`: the essays waiting for a marker, shown blind.
struct MarkingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marking", abstract: help("help.marking"), subcommands: [Queue.self, Show.self])

    /// `certdesk marking queue [--session S]`
    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "queue", abstract: help("help.marking.queue"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .long, help: argumentHelp("help.option.session")) var session: String?

        struct Entry: Encodable {
            var attempt: Int64
            var slot: Int
            var question: String
            var version: Int
            var points: Double
            var round: Int
            var session: String
            var submittedAt: Date
            var characters: Int
        }

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let desk = GradingDesk(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
                let (mine, others) = try desk.markingQueue(sitting: session?.uppercased())
                let entries = mine.map { item in
                    Entry(
                        attempt: item.essay.attemptID, slot: item.essay.slot, question: item.essay.question.id, version: item.essay.version,
                        points: item.essay.question.points, round: item.round, session: item.essay.sittingID,
                        submittedAt: item.essay.submittedAt, characters: item.essay.answer.count)
                }
                if output.json { return try Console.json(entries) }
                if entries.isEmpty {
                    Console.out(context.text("marking.queue.empty", ["marker": context.operatorName]))
                } else {
                    Console.out(context.text("marking.queue.heading", ["count": String(entries.count), "marker": context.operatorName]))
                    var table = Table(
                        ["attempt", "slot", "question", "points", "round", "session", "submitted-at", "length"].map {
                            context.text("column." + $0)
                        }, rightAligned: [0, 1, 3, 4, 7])
                    for entry in entries {
                        table.add([
                            String(entry.attempt), String(entry.slot), entry.question, Figures.points(entry.points), String(entry.round),
                            entry.session, ClockText.format(entry.submittedAt, "yyyy-MM-dd HH:mm"), String(entry.characters),
                        ])
                    }
                    Console.out(table.render())
                    Console.out(context.text("marking.queue.next"))
                }
                if others > 0 { Console.out(context.text("marking.queue.others", ["count": String(others)])) }
            }
        }
    }

    /// `certdesk marking show ATTEMPT ITEM`: the question, marking guide and answer, without the candidate's name.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: help("help.marking.show"))

        @OptionGroup var global: GlobalOptions
        @Argument(help: argumentHelp("help.argument.attempt")) var attempt: Int64
        @Argument(help: argumentHelp("help.argument.item")) var item: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let desk = GradingDesk(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
                let found = try desk.essay(attempt: attempt, item: item)
                let essay = found.essay
                let language = context.localizer.language
                Console.out(
                    context.text(
                        "marking.show.heading",
                        [
                            "id": String(attempt), "slot": String(essay.slot), "question": essay.question.id,
                            "version": String(essay.version), "points": Figures.points(essay.question.points),
                        ]))
                Console.out(
                    found.round == 0
                        ? context.text("marking.show.complete")
                        : context.text("marking.show.round", ["round": String(found.round)]))
                Console.out()
                Console.out(context.text("marking.show.question"))
                Console.out(Self.indented(essay.question.stem.best(for: language)))
                if let rubric = essay.question.rubric {
                    Console.out()
                    Console.out(context.text("marking.show.rubric"))
                    Console.out(Self.indented(rubric.best(for: language)))
                }
                Console.out()
                Console.out(context.text("marking.show.answer", ["count": String(essay.answer.count)]))
                Console.out(essay.answer.isEmpty ? "  —" : Self.indented(essay.answer))
                // A third marker settles a difference and sees both marks; the first two mark blind.
                if found.round == 3 {
                    Console.out()
                    for mark in essay.marks where mark.round < 3 {
                        Console.out(
                            context.text(
                                "marking.show.earlier",
                                ["round": String(mark.round), "score": Figures.points(mark.score), "comment": mark.comment]))
                    }
                }
                Console.out()
                Console.out(context.text("marking.show.next", ["id": String(attempt), "slot": String(essay.slot)]))
            }
        }

        static func indented(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
                LineBreaker.wrap(String(paragraph), width: 76).map { "  " + $0 }
            }.joined(separator: "\n")
        }
    }
}

/// `certdesk mark ATTEMPT ITEM --score N --comment TEXT`: one marker's mark of one essay.
struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mark", abstract: help("help.mark"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: argumentHelp("help.argument.attempt")) var attempt: Int64
    @Argument(help: argumentHelp("help.argument.item")) var item: String
    @Option(name: .long, help: argumentHelp("help.option.score")) var score: Double
    @Option(name: .long, help: argumentHelp("help.option.comment")) var comment: String

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run {
            let desk = GradingDesk(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
            let outcome = try desk.mark(attempt: attempt, item: item, score: score, comment: comment)
            let grade = outcome.change.current
            let question = grade.items.first { $0.slot == outcome.slot }
            Console.out(
                context.text(
                    "mark.recorded",
                    [
                        "id": String(attempt), "slot": String(outcome.slot), "question": question?.questionID ?? item,
                        "score": Figures.points(score), "points": Figures.points(question?.points ?? 0), "round": String(outcome.round),
                    ]))
            switch outcome.state {
            case .needs(let round):
                Console.out(context.text(round == 3 ? "mark.state.third" : "mark.state.second"))
            case .settled(let settled):
                Console.out(
                    context.text(
                        "mark.state.settled", ["mark": Figures.points(settled.mark), "rule": context.text("rule." + settled.rule)]))
            }
            Console.out(
                context.text(
                    "mark.attempt",
                    ["id": String(attempt), "percentage": Figures.percent(grade.percentage), "outcome": Figures.outcome(grade, context)]))
            if let released = outcome.releasedAt, outcome.change.stored {
                Console.out(context.text("regrade.released", ["at": ClockText.format(released, "yyyy-MM-dd HH:mm")]))
            }
        }
    }
}
