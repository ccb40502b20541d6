import CertDeskKit

/// Printing what a loader did, the same way for curricula and banks.
enum LoadOutput {
    static func print(_ report: LoadReport, noun: String, verbose: Bool, context: CommandContext) {
        context.report(report.warnings)
        let shown = report.changes.filter { verbose || $0.kind != .unchanged }
        if !shown.isEmpty {
            var table = Table([
                context.text("load.column.change"), context.text("load.column.id"), context.text("load.column.version"),
                context.text("load.column.source"),
            ], rightAligned: [2])
            for change in shown {
                table.add([context.text("load.kind.\(change.kind.rawValue)"), change.id, "v\(change.version)", change.source])
            }
            Console.out(table.render())
            Console.out()
        }
        let arguments = [
            "noun": context.text(noun), "added": String(report.count(.added)), "changed": String(report.count(.changed)),
            "unchanged": String(report.count(.unchanged)), "warnings": String(report.warnings.count),
        ]
        if report.count(.added) + report.count(.changed) == 0 {
            Console.out(context.text("load.summary.no-change", arguments))
        } else {
            Console.out(context.text(report.dryRun ? "load.summary.dry-run" : "load.summary", arguments))
        }
    }
}
