import ArgumentParser
import CertDeskCore
import CertDeskKit
import CertDeskStore
import Foundation

/// `certdesk attempt show ID [--history]`: a candidate's paper and its complete record.
struct AttemptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attempt", abstract: help("help.attempt"), subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: help("help.attempt.show"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: argumentHelp("help.argument.attempt")) var id: Int64
        @Flag(name: .long, help: argumentHelp("help.option.history")) var history = false

        struct Item: Encodable {
            var slot: Int
            var question: String
            var version: Int
            var optionOrder: [String]
            var answer: Answer?
            var flagged: Bool
        }

        struct Record: Encodable {
            var attempt: Int64
            var candidate: String
            var session: String
            var seed: String
            var startedAt: Date
            var deadline: Date
            var extraMinutes: Int
            var submission: String?
            var submittedAt: Date?
            var items: [Item]
            var history: [AttemptHistoryEntry]?
        }

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let store = try context.openStore()
                guard let attempt = try store.attempt(id: id) else {
                    throw ProblemsError.error("attempt.unknown", ["id": String(id)])
                }
                let entries = history || output.json ? try store.history(attempt: id) : nil
                let record = Record(
                    attempt: id, candidate: attempt.candidate.number, session: attempt.sitting.id, seed: String(attempt.seed),
                    startedAt: attempt.startedAt, deadline: attempt.deadline, extraMinutes: attempt.extraMinutes,
                    submission: attempt.submission?.kind.rawValue, submittedAt: attempt.submission?.at,
                    items: attempt.items.map { item in
                        Item(
                            slot: item.slot, question: item.question.id, version: item.version, optionOrder: item.optionOrder,
                            answer: attempt.answers[item.slot], flagged: attempt.flags.contains(item.slot))
                    }, history: entries)
                if output.json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    encoder.dateEncodingStrategy = .iso8601
                    return Console.out(String(decoding: try encoder.encode(record), as: UTF8.self))
                }
                print(attempt, entries: entries, context: context)
            }
        }

        func print(_ attempt: StoredAttempt, entries: [AttemptHistoryEntry]?, context: CommandContext) {
            let state =
                attempt.submission.map { context.text("attempt.state." + $0.kind.rawValue) } ?? context.text("attempt.state.started")
            Console.out(
                context.text(
                    "attempt.heading",
                    [
                        "id": String(attempt.id), "number": attempt.candidate.number, "session": attempt.sitting.id, "state": state,
                        "seed": String(attempt.seed),
                        "started": attempt.sitting.localTime(attempt.startedAt, "yyyy-MM-dd HH:mm:ss"),
                        "deadline": attempt.sitting.localTime(attempt.deadline, "yyyy-MM-dd HH:mm:ss"),
                        "extra": String(attempt.extraMinutes),
                    ]))
            var table = Table(
                ["slot", "question", "version", "options", "answer", "flag"].map { context.text("column." + $0) }, rightAligned: [0, 2])
            for item in attempt.items {
                let answer: String
                switch attempt.answers[item.slot] {
                case .choices(let ids): answer = ids.joined(separator: ",")
                case .text(let text): answer = TextCell.short(text)
                case nil: answer = "—"
                }
                table.add([
                    String(item.slot), item.question.id, String(item.version), item.optionOrder.joined(separator: ","), answer,
                    attempt.flags.contains(item.slot) ? "⚑" : "",
                ])
            }
            Console.out(table.render())
            guard let entries else { return }
            Console.out()
            Console.out(context.text("attempt.history.heading", ["count": String(entries.count)]))
            for entry in entries {
                let slot = entry.slot.map { "#\($0)" } ?? ""
                Console.out(
                    "  \(attempt.sitting.localTime(entry.at, "HH:mm:ss.SSS"))  \(entry.kind)  \(slot)  \(TextCell.short(entry.value ?? ""))  \(entry.terminal)"
                )
            }
        }
    }
}

/// Shortening long text for a table cell.
enum TextCell {
    static func short(_ text: String, limit: Int = 40) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
