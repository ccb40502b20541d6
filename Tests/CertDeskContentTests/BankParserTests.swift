import CertDeskContent
import CertDeskCore
import Testing

struct BankParserTests {
    @Test func readsEveryQuestionType() throws {
        let (questions, problems) = BankParser.parse(Fixture.file("bank-valid.yaml"))
        #expect(problems.isEmpty)
        #expect(questions.map(\.question.type) == [.single, .multiple, .trueFalse, .numeric, .short, .essay])
        let multiple = questions[1].question
        #expect(multiple.scoring == .allOrNothing && multiple.points == 2)
        #expect(questions[2].question.shuffle == false)
        #expect(questions[2].question.answer == .trueFalse(true))
        #expect(questions[3].question.answer == .numeric(value: 20, tolerance: 0))
        #expect(questions[5].question.points == 10)
        #expect(questions[0].question.stem[.simplifiedChinese] == "哪项指标是在阈值内接听的来电比例？")
        #expect(questions[0].location.line == 3 && questions[0].location.column == 5)
    }

    @Test func contentHashIgnoresDerivedTextAndTracksChanges() throws {
        let first = BankParser.parse(Fixture.file("bank-valid.yaml")).0
        let second = BankParser.parse(Fixture.file("bank-valid.yaml")).0
        #expect(first.map(\.contentHash) == second.map(\.contentHash))
        var changed = first[0].question
        changed.difficulty = 3
        #expect(ContentHash.of(changed) != first[0].contentHash)
    }

    @Test func malformedYAMLNamesLineAndColumn() {
        let (questions, problems) = BankParser.parse(Fixture.file("bank-malformed-yaml.yaml"))
        #expect(questions.isEmpty)
        let problem = try? #require(problems.first)
        #expect(problem?.key == "content.yaml.syntax")
        #expect(problem?.location?.line == 6)
        #expect(problem?.location?.file.hasSuffix("bank-malformed-yaml.yaml") == true)
    }

    @Test func duplicateIdNamesBothPlaces() {
        let (questions, problems) = BankParser.parse(Fixture.file("bank-duplicate-id.yaml"))
        #expect(questions.isEmpty)
        let problem = problems.first { $0.key == "content.question.duplicate-id" }
        #expect(problem?.subject == "T-01-001")
        #expect(problem?.location?.line == 9)
        #expect(problem?.arguments["first"]?.hasSuffix(":3:5") == true)
    }

    @Test func optionListWithNoCorrectAnswerIsRefused() {
        let problems = BankParser.parse(Fixture.file("bank-no-correct-option.yaml")).1
        #expect(problems.map(\.key) == ["content.option.no-correct"])
        #expect(problems[0].subject == "T-01-010" && problems[0].location?.line == 9)
    }

    @Test func singleWithTwoCorrectOptionsIsRefused() {
        let problems = BankParser.parse(Fixture.file("bank-single-two-correct.yaml")).1
        #expect(problems.map(\.key) == ["content.option.single-several-correct"])
        #expect(problems[0].arguments["count"] == "2")
    }

    @Test func missingEnglishCannotBeDerived() {
        let problems = BankParser.parse(Fixture.file("bank-missing-language.yaml")).1
        #expect(problems.map(\.key) == ["content.text.missing-language"])
        #expect(problems[0].arguments["languages"] == "en")
        #expect(problems[0].location?.line == 7)
    }

    @Test func missingSimplifiedIsDerivedAndMarked() throws {
        let (questions, problems) = BankParser.parse(Fixture.file("bank-derived-simplified.yaml"))
        let question = try #require(questions.first)
        #expect(question.question.stem[.simplifiedChinese] == "服务水准计算已接听的来电。")
        #expect(question.question.stem.derived == [.simplifiedChinese])
        #expect(question.derivedFields == ["stem.zh-Hans"])
        #expect(problems.map(\.key) == ["content.text.derived"])
        #expect(problems[0].severity == .warning)
    }

    @Test func plainStringNeedsADeclaredLanguage() {
        let problems = BankParser.parse(Fixture.file("bank-plain-string.yaml")).1
        #expect(problems.map(\.key) == ["content.text.plain-string"])
        let (questions, declared) = BankParser.parse(Fixture.file("bank-declared-language.yaml"))
        #expect(declared.isEmpty)
        #expect(questions.first?.question.stem[.english] == "An English-only item.")
        #expect(questions.first?.question.completeLanguages == [.english])
    }

    @Test func misspeltKeyIsNamedWithTheAllowedOnes() {
        let problems = BankParser.parse(Fixture.file("bank-unknown-key.yaml")).1
        #expect(problems.map(\.key).sorted() == ["content.yaml.missing-key", "content.yaml.unknown-key"])
        let unknown = problems.first { $0.key == "content.yaml.unknown-key" }
        #expect(unknown?.arguments["key"] == "dificulty")
        #expect(unknown?.arguments["allowed"]?.contains("difficulty") == true)
        #expect(unknown?.location?.line == 6 && unknown?.location?.column == 5)
    }
}

struct SourceFileTests {
    @Test func nonUTF8FileNamesTheByte() {
        let (files, problems) = SourceFile.gather([Fixture.path("bank-not-utf8.yaml")])
        #expect(files.isEmpty)
        #expect(problems.map(\.key) == ["content.file.not-utf8"])
        #expect(problems[0].location?.line == 7)
        #expect(problems[0].location?.column == 20)
    }

    @Test func emptyFolderAndMissingPathAreReported() {
        let (files, problems) = SourceFile.gather([Fixture.path("empty-folder"), Fixture.path("no-such-file.yaml")])
        #expect(files.isEmpty)
        #expect(problems.map(\.key) == ["content.path.empty-folder", "content.path.missing"])
    }
}

struct CurriculumParserTests {
    @Test func readsModulesExamAndCredential() throws {
        let (parsed, problems) = CurriculumParser.parse(Fixture.file("curriculum-valid.yaml"))
        #expect(problems.isEmpty)
        let curriculum = try #require(parsed?.curriculum)
        #expect(curriculum.track == "TEST" && curriculum.level == 1)
        #expect(curriculum.modules.map(\.id) == ["T-01", "T-02"])
        #expect(curriculum.totalHours == 7.5)
        #expect(curriculum.exam.blueprint[0].difficulty == [2: 1, 3: 1])
        #expect(curriculum.exam.totalQuestions == 3)
        #expect(curriculum.credential.validYears == 3)
    }

    @Test func shippedCurriculaParseWithoutProblems() throws {
        let root = Fixture.folder + "/../../../curricula"
        let (files, fileProblems) = SourceFile.gather([root])
        #expect(fileProblems.isEmpty)
        #expect(files.count == 3)
        for file in files {
            let (parsed, problems) = CurriculumParser.parse(file)
            #expect(problems.isEmpty, "\(file.path): \(problems)")
            #expect((parsed?.curriculum.modules.count ?? 0) >= 6)
        }
    }
}

struct EmptyValueTests {
    @Test func emptyTextMapAndEmptyOptionListAreErrorsNotSilence() {
        let (questions, problems) = BankParser.parse(Fixture.file("bank-empty-texts-and-options.yaml"))
        #expect(questions.isEmpty)
        #expect(Set(problems.map(\.key)) == ["content.text.expected-text", "content.option.too-few"])
        #expect(problems.allSatisfy { $0.subject == "T-01-020" && $0.location != nil })
    }
}
