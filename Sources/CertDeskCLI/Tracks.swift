import ArgumentParser
import CertDeskCore
import CertDeskKit
import CertDeskStore

/// `certdesk tracks`: the loaded tracks, their courses and exams.
struct Tracks: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: help("help.tracks"))

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    struct Row: Encodable {
        var track: String
        var title: LocalizedText
        var level: Int
        var prerequisites: [String]
        var modules: Int
        var trainingHours: Double
        var questions: Int
        var examMinutes: Int
        var examQuestions: Int
        var passMark: Double
        var validYears: Int
        var renewalCPDHours: Double
        var curriculumVersion: Int
    }

    func run() throws {
        let context = try CommandContext(global, command: Self.self)
        try context.run { try Self.render(store: try context.openStore(), json: output.json, context: context) }
    }

    /// Prints the tracks table (or JSON) of a store.
    static func render(store: Store, json: Bool, context: CommandContext) throws {
        do {
            let summaries = try store.questionSummaries()
            let language = context.localizer.language
            let rows = try store.currentCurricula().map { stored in
                let curriculum = stored.curriculum
                return Row(
                    track: curriculum.track, title: curriculum.title, level: curriculum.level,
                    prerequisites: curriculum.prerequisites, modules: curriculum.modules.count,
                    trainingHours: curriculum.totalHours, questions: summaries.filter { $0.track == curriculum.track }.count,
                    examMinutes: curriculum.exam.durationMinutes, examQuestions: curriculum.exam.totalQuestions,
                    passMark: curriculum.exam.passMark, validYears: curriculum.credential.validYears,
                    renewalCPDHours: curriculum.credential.renewalCPDHours, curriculumVersion: stored.version)
            }
            let sorted = context.localizer.collator.sorted(rows) { $0.title.best(for: language) }
            if json { return try Console.json(sorted) }
            if rows.isEmpty { return Console.out(context.text("tracks.none")) }
            var table = Table(
                [
                    context.text("tracks.column.track"), context.text("tracks.column.title"), context.text("tracks.column.level"),
                    context.text("tracks.column.prerequisites"), context.text("tracks.column.modules"),
                    context.text("tracks.column.hours"), context.text("tracks.column.questions"),
                    context.text("tracks.column.exam"), context.text("tracks.column.pass-mark"),
                    context.text("tracks.column.validity"),
                ], rightAligned: [2, 4, 5, 6])
            for row in sorted {
                table.add([
                    row.track, row.title.best(for: language), String(row.level),
                    row.prerequisites.isEmpty ? "—" : row.prerequisites.joined(separator: ", "), String(row.modules),
                    BankCommand.Show.number(row.trainingHours), String(row.questions),
                    context.text("tracks.exam", ["questions": String(row.examQuestions), "minutes": String(row.examMinutes)]),
                    BankCommand.Show.number(row.passMark) + "%",
                    context.text(
                        "tracks.validity", ["years": String(row.validYears), "hours": BankCommand.Show.number(row.renewalCPDHours)]),
                ])
            }
            Console.out(table.render())
        }
    }
}
