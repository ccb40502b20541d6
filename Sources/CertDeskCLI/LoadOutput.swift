import CertDeskKit

/// Printing what a loader did, the same way for curricula and banks.
enum LoadOutput {
    static func print(_ report: LoadReport, noun: String, verbose: Bool, context: CommandContext) {
        context.report(report.warnings)
        let shown = report.changes.filter { verbose || $0.kind != .unchanged }
        if shown.count > 20, !verbose {
            var table = Table(
                [
                    context.text("load.column.track"), context.text("load.kind.added"), context.text("load.kind.changed"),
                    context.text("load.kind.unchanged"),
                ], rightAligned: [1, 2, 3])
            for track in Set(report.changes.map(\.track)).sorted() {
                let changes = report.changes.filter { $0.track == track }
                table.add(
                    [track]
                        + [ContentChange.Kind.added, .changed, .unchanged].map { kind in
                            String(changes.filter { $0.kind == kind }.count)
                        })
            }
            Console.out(table.render())
            Console.out(context.text("load.verbose-hint"))
            Console.out()
        } else if !shown.isEmpty {
            var table = Table(
                [
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
