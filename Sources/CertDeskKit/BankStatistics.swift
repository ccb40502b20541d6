import CertDeskCore
import CertDeskStore

/// What a track's bank holds: items per module, type and difficulty, language completeness,
/// derived text, and how many disjoint exam forms the blueprint can draw.
public struct BankStatistics: Sendable, Codable {
    public struct ModuleRow: Sendable, Codable {
        public var module: String
        public var title: LocalizedText?
        public var items: Int
        /// Items per difficulty level 1...5 (index 0 is level 1).
        public var byDifficulty: [Int]
        /// What one paper draws from this module.
        public var blueprintQuestions: Int
    }

    public struct TrackRow: Sendable, Codable {
        public var track: String
        public var title: LocalizedText
        public var items: Int
        public var modules: [ModuleRow]
        public var byType: [String: Int]
        /// Items whose every text exists in the language (derived included).
        public var complete: [String: Int]
        /// Items with some derived text in the language.
        public var derived: [String: Int]
        /// Items in modules the current curriculum no longer has.
        public var orphaned: Int
        /// Papers with no question in common that the bank can fill (0 when not even one).
        public var disjointForms: Int
        public var shortfalls: [BlueprintShortfall]
    }

    public var tracks: [TrackRow]

    /// Statistics of every track, or of one.
    ///
    /// - Throws: `ProblemsError` `track.unknown` when `track` names no loaded curriculum.
    public static func compute(store: Store, track: String? = nil) throws -> BankStatistics {
        let curricula = try store.currentCurricula()
        if let track, !curricula.contains(where: { $0.curriculum.track == track }) {
            throw ProblemsError.error(
                "track.unknown", ["track": track, "known": curricula.map(\.curriculum.track).joined(separator: ", ")])
        }
        var rows: [TrackRow] = []
        for stored in curricula where track == nil || stored.curriculum.track == track {
            let curriculum = stored.curriculum
            let items = try store.questionSummaries(track: curriculum.track)
            let moduleIDs = Set(curriculum.modules.map(\.id))
            let supply = BankSupply.of(items.filter { moduleIDs.contains($0.module) })
            var modules: [ModuleRow] = curriculum.modules.map { module in
                let inModule = items.filter { $0.module == module.id }
                return ModuleRow(
                    module: module.id, title: module.title, items: inModule.count,
                    byDifficulty: (1...5).map { level in inModule.filter { $0.difficulty == level }.count },
                    blueprintQuestions: curriculum.exam.blueprint.first { $0.module == module.id }?.questions ?? 0)
            }
            for orphan in Set(items.map(\.module)).subtracting(moduleIDs).sorted() {
                let inModule = items.filter { $0.module == orphan }
                modules.append(
                    ModuleRow(
                        module: orphan, title: nil, items: inModule.count,
                        byDifficulty: (1...5).map { level in inModule.filter { $0.difficulty == level }.count },
                        blueprintQuestions: 0))
            }
            var byType: [String: Int] = [:]
            for item in items { byType[item.type.rawValue, default: 0] += 1 }
            var complete: [String: Int] = [:]
            var derived: [String: Int] = [:]
            for language in Language.allCases {
                complete[language.rawValue] = items.filter { $0.languages.contains(language) }.count
                derived[language.rawValue] = items.filter { $0.derivedLanguages.contains(language) }.count
            }
            var forms = 0
            while forms < 50, curriculum.exam.shortfalls(supply: supply, forms: forms + 1).isEmpty { forms += 1 }
            rows.append(
                TrackRow(
                    track: curriculum.track, title: curriculum.title, items: items.count, modules: modules, byType: byType,
                    complete: complete, derived: derived, orphaned: items.filter { !moduleIDs.contains($0.module) }.count,
                    disjointForms: forms, shortfalls: curriculum.exam.shortfalls(supply: supply)))
        }
        return BankStatistics(tracks: rows)
    }
}
