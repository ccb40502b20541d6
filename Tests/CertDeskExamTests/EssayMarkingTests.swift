import CertDeskCore
import CertDeskGrading
import Testing

struct EssayMarkingTests {
    static let double = MarkingRules(secondMarker: true, maxDifference: 2, resolution: .thirdMarker)

    static func mark(_ round: Int, _ marker: String, _ score: Double) -> EssayMark {
        EssayMark(round: round, marker: marker, score: score, comment: "c", markedAt: "2026-11-23T10:00:00.000Z")
    }

    @Test func oneMarkerSettlesWhenTheTrackHasNoSecondMarker() {
        #expect(EssayMarking.state([], rules: MarkingRules()) == .needs(round: 1))
        #expect(
            EssayMarking.state([Self.mark(1, "ann", 6)], rules: MarkingRules())
                == .settled(SettledMark(mark: 6, rule: "single-marker")))
    }

    @Test func twoCloseMarksSettleAtTheirMean() {
        #expect(EssayMarking.state([Self.mark(1, "ann", 6)], rules: Self.double) == .needs(round: 2))
        #expect(
            EssayMarking.state([Self.mark(1, "ann", 6), Self.mark(2, "ben", 8)], rules: Self.double)
                == .settled(SettledMark(mark: 7, rule: "two-marker-mean")))
    }

    @Test(arguments: [
        (MarkingRules.Resolution.thirdMarker, EssayMarking.State.needs(round: 3)),
        (.average, .settled(SettledMark(mark: 6, rule: "two-marker-mean"))),
        (.higher, .settled(SettledMark(mark: 8.5, rule: "two-marker-higher"))),
    ])
    func aLargeDifferenceIsSettledByTheTracksRule(resolution: MarkingRules.Resolution, expected: EssayMarking.State) {
        let rules = MarkingRules(secondMarker: true, maxDifference: 2, resolution: resolution)
        #expect(EssayMarking.state([Self.mark(1, "ann", 3.5), Self.mark(2, "ben", 8.5)], rules: rules) == expected)
    }

    @Test func aThirdMarkIsFinal() {
        let marks = [Self.mark(1, "ann", 3), Self.mark(2, "ben", 8), Self.mark(3, "cat", 5)]
        #expect(EssayMarking.state(marks, rules: Self.double) == .settled(SettledMark(mark: 5, rule: "third-marker")))
    }

    @Test func aMarkerCorrectsTheirOwnRoundAndCannotTakeAnother() {
        let marks = [Self.mark(1, "ann", 3)]
        #expect(EssayMarking.round(for: "ann", marks: marks, rules: Self.double) == .success(1))
        #expect(EssayMarking.round(for: "ben", marks: marks, rules: Self.double) == .success(2))
        let settled = [Self.mark(1, "ann", 6), Self.mark(2, "ben", 7)]
        #expect(EssayMarking.round(for: "cat", marks: settled, rules: Self.double) == .failure(.complete(markers: ["ann", "ben"])))
        #expect(EssayMarking.round(for: "ben", marks: settled, rules: Self.double) == .success(2))
    }
}

struct ThirdMarkerTests {
    @Test func aCorrectionByAnEarlierMarkerDoesNotUndoTheThirdMarkersSettlement() {
        // Given marks 7 and 4 settled by a third marker at 6, then the second marker corrects 4 to 6
        let marks = [
            EssayMarkingTests.mark(1, "ann", 7), EssayMarkingTests.mark(3, "cat", 6), EssayMarkingTests.mark(2, "ben", 6),
        ]
        // Then the third marker's mark stands
        #expect(EssayMarking.state(marks, rules: EssayMarkingTests.double) == .settled(SettledMark(mark: 6, rule: "third-marker")))
    }
}
