import ArgumentParser
import CertDeskCore
import CertDeskGrading
import CertDeskKit
import Foundation

/// `certdesk report`: item analysis for trainers, session reports for administrators.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: help("help.report"), subcommands: [Items.self, Session.self])

    /// `certdesk report items --track T [--session S] [--csv|--json]`
    struct Items: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "items", abstract: help("help.report.items"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var export: ExportOptions
        @Option(name: .long, help: argumentHelp("help.option.track")) var track: String
        @Option(name: .long, help: argumentHelp("help.option.session")) var session: String?

        struct Listing: Encodable {
            var track: String
            var sessions: [String]
            var attempts: Int
            var voided: [String]
            var items: [Item]
            var forms: [FormStatistics]
        }

        struct Item: Encodable {
            var question: String
            var version: Int
            var type: String
            var module: String
            var statistics: ItemStatistics
        }

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let desk = ReportDesk(store: try context.openStore(), operatorName: context.operatorName, now: { Date() })
                let report = try desk.items(track: track.uppercased(), sitting: session?.uppercased())
                let items = report.analysis.items.map { statistics in
                    let question = report.questions[statistics.questionID]
                    let (id, version) = Self.split(statistics.questionID)
                    return Item(
                        question: id, version: version, type: question?.type.rawValue ?? "", module: question?.module ?? "",
                        statistics: statistics)
                }
                if export.json {
                    return try Console.json(
                        Listing(
                            track: report.track, sessions: report.sittings, attempts: report.analysis.attempts,
                            voided: report.voided.sorted(),
                            items: items, forms: report.analysis.forms))
                }
                if export.csv {
                    return Console.raw(
                        CSV.render(
                            [
                                "question", "version", "type", "module", "responses", "facility", "discrimination", "omitted", "options",
                                "flags",
                            ],
                            items.map { item in
                                let statistics = item.statistics
                                return [
                                    item.question, String(item.version), item.type, item.module, String(statistics.responses),
                                    Self.figure(statistics.facility), statistics.discrimination.map(Self.figure) ?? "",
                                    String(statistics.omitted),
                                    statistics.options.map { "\($0.id)\($0.keyed ? "*" : "")=\($0.count)" }.joined(separator: " "),
                                    statistics.flags.map(\.rawValue).joined(separator: " "),
                                ]
                            }))
                }
                printReport(report, items: items, context: context)
            }
        }

        func printReport(_ report: ReportDesk.ItemReport, items: [Item], context: CommandContext) {
            Console.out(
                context.text(
                    "report.items.heading",
                    [
                        "track": report.track, "sessions": String(report.sittings.count), "attempts": String(report.analysis.attempts),
                    ]))
            if !report.voided.isEmpty {
                Console.out(context.text("report.items.voided", ["items": report.voided.sorted().joined(separator: ", ")]))
            }
            Console.out()
            var table = Table(
                ["question", "version", "responses", "facility", "discrimination", "option-shares", "flags"].map {
                    context.text("column." + $0)
                },
                rightAligned: [1, 2, 3, 4])
            for item in items {
                let statistics = item.statistics
                let options = statistics.options.enumerated().map { index, option in
                    let label =
                        report.questions[statistics.questionID]?.type == .trueFalse ? option.id.prefix(1).uppercased() : Self.letter(index)
                    return "\(label)\(option.keyed ? "*" : "") \(Int((option.share * 100).rounded()))%"
                }
                table.add([
                    item.question, String(item.version), String(statistics.responses), Self.figure(statistics.facility),
                    statistics.discrimination.map(Self.figure) ?? "—", options.joined(separator: "  "),
                    statistics.flags.map { context.text("flag." + $0.rawValue) }.joined(separator: ", "),
                ])
            }
            Console.out(table.render())
            Console.out(context.text("report.items.legend"))
            Console.out()
            let shown = report.analysis.forms.filter { $0.attempts >= 2 }.prefix(10)
            Console.out(context.text("report.forms.heading", ["count": String(report.analysis.forms.count)]))
            if shown.isEmpty {
                Console.out(context.text("report.forms.none"))
            } else {
                var forms = Table(
                    ["form", "items", "attempts", "coefficient", "reliability", "mean", "sd", "sem"].map { context.text("column." + $0) },
                    rightAligned: [0, 1, 2, 4, 5, 6, 7])
                for (index, form) in shown.enumerated() {
                    forms.add([
                        String(index + 1), String(form.questionIDs.count), String(form.attempts), form.coefficient,
                        form.reliability.map(Self.figure) ?? "—", Figures.points(form.mean), Figures.points(form.standardDeviation),
                        form.standardError.map(Figures.points) ?? "—",
                    ])
                }
                Console.out(forms.render())
            }
            let single = report.analysis.forms.filter { $0.attempts < 2 }.count
            if single > 0 { Console.out(context.text("report.forms.single", ["count": String(single)])) }
        }

        /// `CCCP-01-003@2` → (`CCCP-01-003`, 2).
        static func split(_ key: String) -> (String, Int) {
            guard let at = key.lastIndex(of: "@"), let version = Int(key[key.index(after: at)...]) else { return (key, 0) }
            return (String(key[..<at]), version)
        }

        static func figure(_ value: Double) -> String { String(format: "%.2f", value) }

        static func letter(_ index: Int) -> String { String(UnicodeScalar(UInt8(65 + index % 26))) }
    }

    /// `certdesk report session S [--csv|--json]`
    struct Session: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "session", abstract: help("help.report.session"))

        @OptionGroup var global: GlobalOptions
        @OptionGroup var export: ExportOptions
        @Argument(help: argumentHelp("help.argument.session")) var session: String

        func run() throws {
            let context = try CommandContext(global, command: Self.self)
            try context.run {
                let store = try context.openStore()
                let desk = ReportDesk(store: store, operatorName: context.operatorName, now: { Date() })
                let report = try desk.session(session.uppercased())
                if export.json { return try Console.json(report) }
                if export.csv { return Console.raw(CSV.render(["section", "name", "value"], Self.csvRows(report))) }
                let language = context.localizer.language
                let sitting = try store.sitting(id: report.session)
                Console.out(
                    context.text(
                        "report.session.heading",
                        [
                            "session": report.session, "track": report.trackTitle.best(for: language),
                            "starts": sitting?.localTime(report.startsAt) ?? ClockText.format(report.startsAt, "yyyy-MM-dd HH:mm"),
                            "centre": report.centre, "pass": Figures.points(report.passMark),
                        ]))
                Console.out(
                    context.text(
                        "report.session.attendance",
                        [
                            "registered": String(report.registered), "sat": String(report.sat), "absent": String(report.absent),
                            "running": String(report.inProgress),
                        ]))
                Console.out(
                    context.text(
                        "report.session.outcomes",
                        [
                            "final": String(report.final), "provisional": String(report.provisional), "passed": String(report.passed),
                            "rate": report.passRate.map { Figures.percent($0 * 100) } ?? "—",
                        ]))
                if let scores = report.scores {
                    Console.out(
                        context.text(
                            "report.session.scores",
                            [
                                "mean": Figures.percent(scores.mean), "sd": Figures.percent(scores.standardDeviation),
                                "min": Figures.percent(scores.minimum), "median": Figures.percent(scores.median),
                                "max": Figures.percent(scores.maximum),
                            ]))
                }
                Console.out()
                Console.out(context.text("report.session.distribution", ["pass": Figures.points(report.passMark)]))
                for line in report.histogram.render(barWidth: 40) { Console.out("  " + line) }
                Console.out()
                var modules = Table(["module", "title", "candidates", "mean"].map { context.text("column." + $0) }, rightAligned: [2, 3])
                for module in report.modules {
                    modules.add([module.module, module.title.best(for: language), String(module.candidates), Figures.percent(module.mean)])
                }
                Console.out(modules.render())
                if report.provisional > 0 {
                    Console.out(context.text("regrade.provisional", ["count": String(report.provisional), "session": report.session]))
                }
            }
        }

        /// One row per figure, so the whole report fits one spreadsheet table.
        static func csvRows(_ report: ReportDesk.SessionReport) -> [[String]] {
            var rows: [[String]] = [
                ["session", "id", report.session], ["session", "track", report.track], ["session", "centre", report.centre],
                ["session", "pass-mark", Figures.points(report.passMark)], ["session", "released", String(report.released)],
                ["candidates", "registered", String(report.registered)], ["candidates", "sat", String(report.sat)],
                ["candidates", "absent", String(report.absent)], ["candidates", "in-progress", String(report.inProgress)],
                ["results", "final", String(report.final)], ["results", "provisional", String(report.provisional)],
                ["results", "passed", String(report.passed)],
                ["results", "pass-rate", report.passRate.map { Figures.percent($0 * 100) } ?? ""],
            ]
            if let scores = report.scores {
                rows += [
                    ["scores", "mean", Figures.percent(scores.mean)], ["scores", "sd", Figures.percent(scores.standardDeviation)],
                    ["scores", "min", Figures.percent(scores.minimum)], ["scores", "median", Figures.percent(scores.median)],
                    ["scores", "max", Figures.percent(scores.maximum)],
                ]
            }
            for (index, count) in report.histogram.counts.enumerated() {
                let lower = Int(report.histogram.lowerBounds[index])
                let upper = index + 1 < report.histogram.counts.count ? Int(report.histogram.lowerBounds[index + 1]) - 1 : 100
                rows.append(["distribution", "\(lower)-\(upper)", String(count)])
            }
            rows += report.modules.map { ["module-mean", $0.module, Figures.percent($0.mean)] }
            return rows
        }
    }
}
