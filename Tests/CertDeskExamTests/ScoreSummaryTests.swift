import CertDeskGrading
import Testing

/// Means, SDs and medians checked against numpy by `Tests/Reference/item_analysis_reference.py`
/// (np.std with ddof=1, np.median, np.histogram over 0, 10 … 100).
struct ScoreSummaryTests {
    static func isClose(_ actual: Double, _ expected: Double) -> Bool { abs(actual - expected) <= 1e-9 }

    @Test func anOddCountHasTheMiddleValueAsMedian() throws {
        let summary = try #require(ScoreSummary.of([72.5, 40.0, 88.0, 91.25, 55.0, 66.0, 100.0]))
        #expect(summary.count == 7)
        #expect(Self.isClose(summary.mean, 73.25))
        #expect(Self.isClose(summary.standardDeviation, 21.404341459931285))
        #expect(summary.minimum == 40 && summary.median == 72.5 && summary.maximum == 100)
    }

    @Test func anEvenCountAveragesTheTwoMiddleValues() throws {
        let summary = try #require(ScoreSummary.of([72.5, 40.0, 88.0, 91.25, 55.0, 66.0]))
        #expect(summary.count == 6)
        #expect(Self.isClose(summary.mean, 68.79166666666667))
        #expect(Self.isClose(summary.standardDeviation, 19.565541563336975))
        #expect(summary.minimum == 40 && summary.median == 69.25 && summary.maximum == 91.25)
    }

    @Test func oneScoreHasNoSpreadAndNoScoresHaveNoSummary() throws {
        let one = try #require(ScoreSummary.of([64]))
        #expect(one.count == 1 && one.standardDeviation == 0)
        #expect(one.minimum == 64 && one.median == 64 && one.maximum == 64 && one.mean == 64)
        #expect(ScoreSummary.of([64, 64])?.standardDeviation == 0)
        #expect(ScoreSummary.of([]) == nil)
    }

    @Test func binsAreHalfOpenExceptTheLastWhichHolds100() {
        // Given percentages on and around the bin edges
        let histogram = ScoreHistogram(percentages: [0, 9.999, 10, 55.5, 70, 75, 79.9, 89.999, 90, 99.5, 100, 100])

        // Then 0 is in the first bin, 89.999 in 80–89, 90 and 100 in the last
        #expect(histogram.lowerBounds == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
        #expect(histogram.counts == [2, 1, 0, 0, 0, 1, 0, 3, 1, 4])
    }

    @Test func valuesOutsideTheScaleAreClampedAndNonFiniteOnesSkipped() {
        let histogram = ScoreHistogram(percentages: [-5, 104, .nan, .infinity], width: 25)
        #expect(histogram.lowerBounds == [0, 25, 50, 75])
        #expect(histogram.counts == [1, 0, 0, 1])
    }

    @Test func renderDrawsOneCellPerCandidateWhenTheBarsFit() {
        let histogram = ScoreHistogram(percentages: [0, 9.999, 10, 55.5, 70, 75, 79.9, 89.999, 90, 99.5, 100, 100])
        #expect(
            histogram.render() == [
                "   0–9 │██ 2",
                " 10–19 │█ 1",
                " 20–29 │ 0",
                " 30–39 │ 0",
                " 40–49 │ 0",
                " 50–59 │█ 1",
                " 60–69 │ 0",
                " 70–79 │███ 3",
                " 80–89 │█ 1",
                "90–100 │████ 4",
            ])
    }

    @Test func renderScalesTheLongestBarToTheWidth() {
        // Given 80 scores in 70–79, 20 in 80–89 and 1 in 90–100, drawn 10 cells wide
        let percentages = Array(repeating: 75.0, count: 80) + Array(repeating: 85.0, count: 20) + [95]
        let rows = ScoreHistogram(percentages: percentages).render(barWidth: 10)

        // Then 80 fills the width, 20 gets 2.5 cells rounded to 3, and 1 still shows one cell
        #expect(Array(rows.suffix(3)) == [" 70–79 │██████████ 80", " 80–89 │███ 20", "90–100 │█ 1"])
        #expect(rows[0] == "   0–9 │ 0")
    }

    @Test func fractionalWidthsLabelBothBounds() {
        let rows = ScoreHistogram(percentages: [12.5, 50], width: 12.5).render()
        #expect(rows.count == 8)
        #expect(rows[0] == "  0–12.5 │ 0")
        #expect(rows[1] == " 12.5–25 │█ 1")
        #expect(rows[7] == "87.5–100 │ 0")
    }
}
