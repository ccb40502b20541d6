import CertDeskContent
import CertDeskCore
import CertDeskStore
import Foundation

/// Loads curriculum files: validates them all, then writes every change in one transaction.
public struct CurriculumLoader: Sendable {
    let store: Store
    let operatorName: String
    let now: @Sendable () -> Date

    public init(store: Store, operatorName: String, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.operatorName = operatorName
        self.now = now
    }

    /// Loads the curricula at `paths` (files or folders).
    ///
    /// - Throws: `ProblemsError` with every error and warning found; the store is then unchanged.
    public func load(paths: [String], dryRun: Bool = false) throws -> LoadReport {
        let (files, fileProblems) = SourceFile.gather(paths)
        var problems = fileProblems
        var parsed: [ParsedCurriculum] = []
        for file in files {
            let (curriculum, fileProblems) = CurriculumParser.parse(file)
            problems += fileProblems
            if let curriculum { parsed.append(curriculum) }
        }
        var byTrack: [String: ParsedCurriculum] = [:]
        for item in parsed {
            if let first = byTrack[item.curriculum.track] {
                problems.append(
                    .error(
                        "content.curriculum.duplicate-track", ["track": item.curriculum.track, "first": first.location.description],
                        at: item.location, subject: item.curriculum.track))
                continue
            }
            byTrack[item.curriculum.track] = item
        }
        let stored = try store.currentCurricula()
        var known = Dictionary(uniqueKeysWithValues: stored.map { ($0.curriculum.track, $0.curriculum) })
        for (track, item) in byTrack { known[track] = item.curriculum }
        problems += prerequisiteProblems(byTrack, known: known)
        problems += try blueprintProblems(byTrack)

        if problems.contains(where: { $0.severity == .error }) { throw ProblemsError(problems) }

        let storedByTrack = Dictionary(uniqueKeysWithValues: stored.map { ($0.curriculum.track, $0) })
        var changes: [ContentChange] = []
        var writes: [CurriculumWrite] = []
        for item in parsed where byTrack[item.curriculum.track]?.location == item.location {
            let track = item.curriculum.track
            let current = storedByTrack[track]
            let kind: ContentChange.Kind = current == nil ? .added : current!.contentHash == item.contentHash ? .unchanged : .changed
            let version = kind == .unchanged ? current!.version : (current?.version ?? 0) + 1
            changes.append(ContentChange(id: track, track: track, kind: kind, version: version, source: item.location.description))
            if kind != .unchanged {
                writes.append(
                    CurriculumWrite(curriculum: item.curriculum, contentHash: item.contentHash, source: item.location.description))
            }
        }
        let report = LoadReport(changes: changes, warnings: problems, dryRun: dryRun)
        if !dryRun, !writes.isEmpty {
            try store.writeCurricula(
                writes,
                record: ImportRecord(
                    kind: .curriculum, paths: paths, added: report.count(.added), changed: report.count(.changed),
                    unchanged: report.count(.unchanged), warnings: problems.count, operatorName: operatorName, date: now()))
        }
        return report
    }

    private func prerequisiteProblems(_ loading: [String: ParsedCurriculum], known: [String: Curriculum]) -> [Problem] {
        var problems: [Problem] = []
        for (track, item) in loading.sorted(by: { $0.key < $1.key }) {
            for prerequisite in item.curriculum.prerequisites where known[prerequisite] == nil {
                problems.append(
                    .error(
                        "content.curriculum.unknown-prerequisite", ["track": track, "prerequisite": prerequisite],
                        at: item.location, subject: track))
            }
            // A prerequisite chain that leads back to the track can never be satisfied.
            var visiting: [String] = [track]
            var frontier = item.curriculum.prerequisites
            while let next = frontier.popLast() {
                if next == track {
                    problems.append(
                        .error(
                            "content.curriculum.prerequisite-cycle",
                            ["track": track, "chain": (visiting + [track]).joined(separator: " → ")],
                            at: item.location, subject: track))
                    break
                }
                if visiting.contains(next) { continue }
                visiting.append(next)
                frontier += known[next]?.prerequisites ?? []
            }
        }
        return problems
    }

    private func blueprintProblems(_ loading: [String: ParsedCurriculum]) throws -> [Problem] {
        var problems: [Problem] = []
        let summaries = try store.questionSummaries()
        for (track, item) in loading.sorted(by: { $0.key < $1.key }) {
            let bank = summaries.filter { $0.track == track }
            let modules = Set(item.curriculum.modules.map(\.id))
            let orphaned = bank.filter { !modules.contains($0.module) }
            for module in Set(orphaned.map(\.module)).sorted() {
                problems.append(
                    .warning(
                        "content.curriculum.module-dropped",
                        [
                            "track": track, "module": module, "count": String(orphaned.filter { $0.module == module }.count),
                        ], at: item.location, subject: module))
            }
            if bank.isEmpty {
                problems.append(.warning("content.blueprint.bank-empty", ["track": track], at: item.location, subject: track))
                continue
            }
            let supply = BankSupply.of(bank.filter { modules.contains($0.module) })
            for shortfall in item.curriculum.exam.shortfalls(supply: supply) {
                let location = item.blueprintLocations[shortfall.module] ?? item.location
                problems.append(BankSupply.problem(shortfall, track: track, severity: .error, at: location))
            }
        }
        return problems
    }
}
