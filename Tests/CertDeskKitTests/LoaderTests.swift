import CertDeskCore
import CertDeskKit
import CertDeskStore
import Foundation
import Testing

struct BankImporterTests {
    @Test func importsThenReimportChangesNothing() throws {
        let store = try Store.inMemory()
        try Fixtures.loader(store).load(paths: [Fixtures.path("curriculum-valid.yaml")])
        let first = try Fixtures.importer(store).importBanks(paths: [Fixtures.path("bank-valid.yaml")])
        #expect(first.count(.added) == 6)
        let imports = try store.importCount()
        let second = try Fixtures.importer(store).importBanks(paths: [Fixtures.path("bank-valid.yaml")])
        #expect(second.count(.unchanged) == 6 && second.count(.added) == 0 && second.count(.changed) == 0)
        #expect(try store.importCount() == imports)  // nothing written, not even an import record
    }

    @Test func changedQuestionBecomesANewVersionAndTheOldOneStays() throws {
        let store = try Fixtures.loadedStore()
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let original = try String(contentsOfFile: Fixtures.path("bank-valid.yaml"), encoding: .utf8)
        let edited = original.replacingOccurrences(of: "Which measure is the share", with: "Which metric is the share")
        try edited.write(toFile: folder + "/bank.yaml", atomically: true, encoding: .utf8)

        let dryRun = try Fixtures.importer(store).importBanks(paths: [folder], dryRun: true)
        #expect(dryRun.count(.changed) == 1 && dryRun.dryRun)
        #expect(try store.questionVersions(id: "T-01-001").count == 1)

        let report = try Fixtures.importer(store).importBanks(paths: [folder])
        #expect(report.changes.filter { $0.kind == .changed }.map(\.id) == ["T-01-001"])
        let versions = try store.questionVersions(id: "T-01-001")
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions[0].question.stem[.english]?.hasPrefix("Which measure") == true)
        #expect(versions[1].question.stem[.english]?.hasPrefix("Which metric") == true)
        #expect(versions.map(\.isCurrent) == [false, true])
    }

    @Test(arguments: [
        ("bank-malformed-yaml.yaml", "content.yaml.syntax"),
        ("bank-duplicate-id.yaml", "content.question.duplicate-id"),
        ("bank-no-correct-option.yaml", "content.option.no-correct"),
        ("bank-single-two-correct.yaml", "content.option.single-several-correct"),
        ("bank-missing-language.yaml", "content.text.missing-language"),
        ("bank-unknown-module.yaml", "content.question.unknown-module"),
        ("bank-not-utf8.yaml", "content.file.not-utf8"),
        ("empty-folder", "content.path.empty-folder"),
    ])
    func badInputIsRefusedAndLeavesTheStoreUnchanged(fixture: String, key: String) throws {
        let store = try Fixtures.loadedStore()
        let before = try store.questionSummaries()
        let importsBefore = try store.importCount()
        // The bad file is imported together with a good one: all or nothing.
        let error = #expect(throws: ProblemsError.self) {
            try Fixtures.importer(store).importBanks(paths: [Fixtures.path("bank-declared-language.yaml"), Fixtures.path(fixture)])
        }
        #expect(error?.problems.contains { $0.key == key && $0.severity == .error } == true)
        #expect(try store.questionSummaries() == before)
        #expect(try store.importCount() == importsBefore)
    }

    @Test func duplicateIdAcrossFilesNamesTheFirstPlace() throws {
        let store = try Fixtures.loadedStore()
        let error = #expect(throws: ProblemsError.self) {
            try Fixtures.importer(store).importBanks(paths: [
                Fixtures.path("bank-valid.yaml"), Fixtures.path("bank-duplicate-across-files.yaml"),
            ])
        }
        let problem = error?.problems.first { $0.key == "content.question.duplicate-id" }
        #expect(problem?.arguments["first"]?.contains("bank-valid.yaml:3:5") == true)
        #expect(problem?.location?.file.hasSuffix("bank-duplicate-across-files.yaml") == true)
    }

    @Test func everyErrorIsReportedAtOnce() throws {
        let store = try Fixtures.loadedStore()
        let error = #expect(throws: ProblemsError.self) {
            try Fixtures.importer(store).importBanks(paths: [
                Fixtures.path("bank-no-correct-option.yaml"), Fixtures.path("bank-single-two-correct.yaml"),
                Fixtures.path("bank-unknown-module.yaml"),
            ])
        }
        #expect(
            Set(error?.problems.map(\.key) ?? []) == [
                "content.option.no-correct", "content.option.single-several-correct", "content.question.unknown-module",
            ])
    }

    @Test func derivedTextIsStoredAsDerived() throws {
        let store = try Fixtures.loadedStore()
        let report = try Fixtures.importer(store).importBanks(paths: [Fixtures.path("bank-derived-simplified.yaml")])
        #expect(report.warnings.map(\.key).contains("content.text.derived"))
        let stored = try #require(try store.questionVersions(id: "T-01-013").first)
        #expect(stored.derivedFields == ["stem.zh-Hans"])
        #expect(stored.question.stem.derived == [.simplifiedChinese])
        let summary = try #require(try store.questionSummaries().first { $0.id == "T-01-013" })
        #expect(summary.derivedLanguages == [.simplifiedChinese])
    }

    @Test func questionOfAnUnloadedTrackIsRefused() throws {
        let store = try Store.inMemory()
        let error = #expect(throws: ProblemsError.self) {
            try Fixtures.importer(store).importBanks(paths: [Fixtures.path("bank-valid.yaml")])
        }
        #expect(error?.problems.allSatisfy { $0.key == "content.question.unknown-track" } == true)
        #expect(try store.questionSummaries().isEmpty)
    }
}

struct CurriculumLoaderTests {
    @Test func blueprintAskingMoreThanTheBankHoldsIsRefused() throws {
        let store = try Fixtures.loadedStore()
        let error = #expect(throws: ProblemsError.self) {
            try Fixtures.loader(store).load(paths: [Fixtures.path("curriculum-blueprint-too-large.yaml")])
        }
        let shortfalls = error?.problems.filter { $0.key == "content.blueprint.shortfall-difficulty" } ?? []
        #expect(shortfalls.map { $0.arguments["difficulty"] } == ["2", "3"])
        #expect(shortfalls.first?.arguments["wanted"] == "4")
        #expect(shortfalls.first?.arguments["available"] == "2")
        #expect(shortfalls.first?.location?.line == 20)
        #expect(try store.currentCurricula().first?.version == 1)
    }

    @Test func reloadingUnchangedCurriculumChangesNothing() throws {
        let store = try Fixtures.loadedStore()
        let report = try Fixtures.loader(store).load(paths: [Fixtures.path("curriculum-valid.yaml")])
        #expect(report.count(.unchanged) == 1)
        #expect(try store.currentCurricula().first?.version == 1)
    }

    @Test func unknownPrerequisiteIsRefused() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try String(contentsOfFile: Fixtures.path("curriculum-valid.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "prerequisites: []", with: "prerequisites: [BASE]")
        try text.write(toFile: folder + "/c.yaml", atomically: true, encoding: .utf8)
        let store = try Store.inMemory()
        let error = #expect(throws: ProblemsError.self) { try Fixtures.loader(store).load(paths: [folder]) }
        #expect(error?.problems.filter { $0.severity == .error }.map(\.key) == ["content.curriculum.unknown-prerequisite"])
        #expect(try store.currentCurricula().isEmpty)
    }
}

struct BankStatisticsTests {
    @Test func countsModulesTypesLanguagesAndForms() throws {
        let store = try Fixtures.loadedStore()
        let statistics = try BankStatistics.compute(store: store, track: "TEST")
        let track = try #require(statistics.tracks.first)
        #expect(track.items == 6)
        #expect(track.modules.map(\.items) == [4, 2])
        #expect(track.modules[0].byDifficulty == [0, 2, 2, 0, 0])
        #expect(track.byType["essay"] == 1)
        #expect(track.complete["zh-Hans"] == 6)
        #expect(track.disjointForms == 2)  // T-01 has two items per wanted level, T-02 two items
        #expect(track.shortfalls.isEmpty)
        #expect(throws: ProblemsError.self) { try BankStatistics.compute(store: store, track: "NOPE") }
    }
}
