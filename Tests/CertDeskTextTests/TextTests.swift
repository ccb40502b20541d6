import CertDeskText
import Testing

struct TextWidthTests {
    @Test func chineseTakesTwoColumnsLatinOne() {
        #expect(TextWidth.of("CCCP") == 4)
        #expect(TextWidth.of("服務水準") == 8)
        #expect(TextWidth.of("ASA 平均應答") == 12)
        #expect(TextWidth.of("１２") == 4)  // full-width digits
        #expect(TextWidth.of("e\u{301}") == 1)  // combining accent takes no column
    }

    @Test func paddingAlignsMixedScripts() {
        #expect(TextWidth.of(TextWidth.pad("服務", to: 10)) == 10)
        #expect(TextWidth.of(TextWidth.pad("Queue", to: 10)) == 10)
        #expect(TextWidth.truncate("客服中心專業人員認證", to: 9) == "客服中心…")
    }
}

struct LineBreakerTests {
    @Test func wrapsMixedTextWithinWidth() {
        let text = "平均應答速度（ASA）是所有來電等候時間的平均值，包含立即接聽的來電。Service level measures the share answered within the threshold."
        let lines = LineBreaker.wrap(text, width: 30)
        #expect(lines.count > 3)
        for line in lines { #expect(TextWidth.of(line) <= 30) }
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == text.replacingOccurrences(of: " ", with: ""))
    }

    @Test func neverStartsALineWithClosingPunctuation() {
        let lines = LineBreaker.wrap("一二三四五六七八九，十一二三四五六七八九。", width: 18)
        for line in lines { #expect(!line.hasPrefix("，") && !line.hasPrefix("。")) }
    }

    @Test func keepsLatinWordsWhole() {
        let lines = LineBreaker.wrap("first contact resolution improves satisfaction", width: 20)
        #expect(lines == ["first contact", "resolution improves", "satisfaction"])
    }
}

struct ScriptConverterTests {
    @Test func convertsBetweenTraditionalAndSimplified() {
        #expect(ScriptConverter.convert("服務水準與話務量", .traditionalToSimplified) == "服务水准与话务量")
        #expect(ScriptConverter.convert("质量监控", .simplifiedToTraditional) == "質量監控")
        #expect(ScriptConverter.convert("Erlang C", .traditionalToSimplified) == "Erlang C")
    }
}

struct NormalizerTests {
    @Test func foldsWidthCaseAndSpace() {
        #expect(Normalizer.nfkc("１２３ＡＢＣ") == "123ABC")
        #expect(Normalizer.comparisonKey("  First   Contact\tResolution ") == "first contact resolution")
        #expect(Normalizer.comparisonKey("ＦＣＲ") == Normalizer.comparisonKey("fcr"))
    }
}

struct CollatorTests {
    @Test func simplifiedChineseSortsByPinyin() {
        let collator = Collator(icuLocale: "zh@collation=pinyin")
        // li < wang < zhang
        #expect(collator.sorted(["张", "王", "李"], by: { $0 }) == ["李", "王", "张"])
    }

    @Test func traditionalChineseSortsByStroke() {
        let collator = Collator(icuLocale: "zh_Hant@collation=stroke")
        // 王 (4 strokes) < 李 (7) < 張 (11)
        #expect(collator.sorted(["張", "李", "王"], by: { $0 }) == ["王", "李", "張"])
    }

    @Test func englishIgnoresCase() {
        let collator = Collator(icuLocale: "en")
        #expect(collator.sorted(["beta", "Alpha", "alpha2"], by: { $0 }) == ["Alpha", "alpha2", "beta"])
    }
}
