import Foundation
import Testing

/// The newcomer's path: create a database, load the shipped curricula and banks, inspect them.
@Suite(.serialized)
struct ShippedContentTests {
    struct Statistics: Decodable {
        struct Track: Decodable {
            var track: String
            var items: Int
            var byType: [String: Int]
            var complete: [String: Int]
            var derived: [String: Int]
            var disjointForms: Int
        }
        var tracks: [Track]
    }

    @Test func shippedContentLoadsCompletelyAndReimportChangesNothing() throws {
        let folder = try CertDeskRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let runner = CertDeskRunner()
        let db = ["--db", folder + "/certdesk.sqlite"]
        let root = CertDeskRunner.root

        #expect(try runner.initialise(folder + "/certdesk.sqlite").status == 0)
        let curricula = try runner.run(["curriculum", "load", root + "/curricula"] + db)
        #expect(curricula.status == 0, "\(curricula.error)")
        let bank = try runner.run(["bank", "import", root + "/question-banks"] + db)
        #expect(bank.status == 0, "\(bank.error)")
        #expect(bank.output.contains("added"))

        let stats = try runner.run(["bank", "stats", "--json"] + db)
        #expect(stats.status == 0)
        let statistics = try JSONDecoder().decode(Statistics.self, from: Data(stats.output.utf8))
        #expect(statistics.tracks.map(\.track).sorted() == ["CCCM", "CCCP", "CCCS"])
        for track in statistics.tracks {
            #expect(track.items >= 120, "\(track.track) has \(track.items) items")
            for language in ["en", "zh-Hant", "zh-Hans"] {
                #expect(track.complete[language] == track.items, "\(track.track) \(language)")
                #expect(track.derived[language] == 0, "\(track.track) \(language) has derived text")
            }
            for type in ["single", "multiple", "true-false", "short", "numeric", "essay"] {
                #expect((track.byType[type] ?? 0) > 0, "\(track.track) has no \(type) item")
            }
            #expect(track.disjointForms >= 2, "\(track.track) cannot fill two disjoint forms")
        }

        let again = try runner.run(["bank", "import", root + "/question-banks"] + db)
        #expect(again.status == 0)
        #expect(again.output.contains("no change"), "\(again.output)")
        let reload = try runner.run(["curriculum", "load", root + "/curricula"] + db)
        #expect(reload.output.contains("no change"), "\(reload.output)")

        let show = try runner.run(["bank", "show", "CCCS-02-001"] + db)
        #expect(show.status == 0)
        #expect(show.output.contains("[Traditional Chinese]") && show.output.contains("[Simplified Chinese]"))

        let tracks = try runner.run(["--lang", "zh-Hant", "tracks"] + db)
        #expect(tracks.output.contains("CCCP") && tracks.output.contains("CCCM"))
    }
}
