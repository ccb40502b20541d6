import CertDeskCore
import CertDeskExam
import CertDeskLocalization
import Foundation

/// The exam room as numbered line prompts on standard input and output, with no screen
/// control: for screen readers, and for scripts and tests.
///
/// Each question is printed in full, then `answer>` is prompted. A line is an answer, unless it
/// starts with `:` (a command, listed by `:h`); an empty line moves on. An answer is saved
/// before "Saved" is printed, then the next question follows. The same clock and rules as the
/// full-screen room apply: a warning at five minutes, submission at zero.
public struct PlainRoom {
    let backend: any ExamBackend
    let presenter: ItemPresenter
    let input: LineInput
    let now: () -> Date
    let output: (String) -> Void
    var room: ExamRoom
    var needsQuestion = true

    /// How often the room wakes while waiting, to check the clock and the terminal's hold.
    public static let wakeInterval: TimeInterval = 2

    public init(
        opened: OpenedAttempt, localizer: Localizer, input: LineInput, now: @escaping () -> Date,
        output: @escaping (String) -> Void = StandardOutput.line
    ) {
        backend = opened.backend
        presenter = ItemPresenter(localizer: localizer.speaking(opened.language))
        self.input = input
        self.now = now
        self.output = output
        room = opened.room(now: now())
    }

    var text: Localizer { presenter.localizer }

    /// Runs the exam until it is submitted or the candidate leaves.
    public mutating func run(resumed: Bool) -> RoomExit {
        introduce(resumed: resumed)
        if !resumed {
            output(text.text("room.plain.begin"))
            switch waitForLine() {
            case .exit(let exit): return exit
            case .line: break
            }
        }
        while true {
            if needsQuestion {
                showQuestion()
                needsQuestion = false
            }
            output(text.text("room.plain.prompt"))
            switch waitForLine() {
            case .exit(let exit): return exit
            case .line(let line):
                if let exit = handle(line) { return exit }
            }
        }
    }

    private enum Wait {
        case line(String)
        case exit(RoomExit)
    }

    /// Waits for a line, meanwhile keeping the clock and the hold.
    private mutating func waitForLine() -> Wait {
        while true {
            if let exit = checkTime() { return .exit(exit) }
            let wait = min(Self.wakeInterval, max(0.05, room.remaining(at: now())))
            switch input.next(timeout: wait) {
            case .line(let line):
                if let exit = checkTime() { return .exit(exit) }
                return .line(line)
            case .wake:
                if let held = try? backend.stillHeld(), !held { return .exit(takenOver()) }
                if let deadline = try? backend.currentDeadline(), deadline != room.deadline {
                    let added = Int((deadline.timeIntervalSince(room.deadline) / 60).rounded())
                    room.deadline = deadline
                    output(text.text("room.extra-time", ["minutes": String(added), "left": ExamRoom.clock(room.remaining(at: now()))]))
                }
            case .closed:
                backend.release()
                output(text.text("room.input-closed"))
                return .exit(.inputClosed)
            }
        }
    }

    private mutating func checkTime() -> RoomExit? {
        switch room.tick(at: now()) {
        case .none: return nil
        case .warnFiveMinutes:
            output(text.text("room.warning.five-minutes", ["left": ExamRoom.clock(room.remaining(at: now()))]))
            return nil
        case .timeUp:
            return submit(automatic: true)
        }
    }

    private func introduce(resumed: Bool) {
        let sheet = room.sheet
        output(
            text.text(
                "room.title",
                [
                    "track": sheet.track, "title": sheet.trackTitle.best(for: room.language), "session": sheet.sittingID,
                    "centre": sheet.centre,
                ]))
        output(text.text("room.candidate", ["number": sheet.candidateNumber, "name": sheet.candidateName]))
        if resumed {
            output(text.text("room.resumed", ["left": ExamRoom.clock(room.remaining(at: now())), "number": String(room.index + 1)]))
            return
        }
        output(
            text.text(
                "room.instructions",
                [
                    "count": String(room.count), "minutes": String(sheet.durationMinutes),
                    "left": ExamRoom.clock(room.remaining(at: now())),
                ]))
        output(text.text("room.plain.commands"))
    }

    private func showQuestion() {
        let item = room.current
        let language = room.language(of: item)
        var heading = [
            presenter.position(room), presenter.points(item), presenter.module(item, in: language),
            text.text("room.time-left", ["left": ExamRoom.clock(room.remaining(at: now()))]),
        ]
        if room.isFlagged(item) { heading.append(text.text("room.flagged")) }
        if language != room.language { heading.append(presenter.languageName(language)) }
        output("")
        output(heading.joined(separator: " · "))
        output(presenter.stem(item, in: language))
        for option in item.options {
            output("  \(option.label). \(presenter.optionText(option, in: language))")
        }
        output(presenter.instruction(item))
        output(text.text("room.current-answer", ["answer": presenter.answer(room.answer(for: item), for: item)]))
    }

    /// Acts on one line; returns an exit when the room closes.
    private mutating func handle(_ line: String) -> RoomExit? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            advance()
            return nil
        }
        guard trimmed.hasPrefix(":") || trimmed.hasPrefix("：") else { return answer(trimmed) }
        let words = trimmed.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let command = words.first?.lowercased() ?? ""
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : nil
        switch command {
        case "n", "next": advance()
        case "p", "prev", "previous":
            room.previous()
            moved()
        case "g", "go":
            go(argument)
        case "f", "flag": return toggleFlag()
        case "l", "lang", "language": return switchLanguage(argument)
        case "c", "clear": return save(nil)
        case "r", "review": review()
        case "s", "submit": return confirmSubmit()
        case "q", "quit", "leave":
            backend.release()
            output(text.text("room.left", ["left": ExamRoom.clock(room.remaining(at: now()))]))
            return .left
        case "h", "help", "?": output(text.text("room.plain.commands"))
        default:
            if Int(command) != nil {
                go(command)  // `:12` is short for `:g 12`
            } else {
                output(text.text("room.plain.unknown-command", ["command": trimmed]))
            }
        }
        return nil
    }

    private mutating func advance() {
        if room.index == room.count - 1 {
            review()
            return
        }
        room.next()
        moved()
    }

    private mutating func moved() {
        needsQuestion = true
        try? backend.recordPosition(slot: room.current.slot)
    }

    private mutating func go(_ argument: String?) {
        guard let argument, let number = Int(argument), room.go(to: number) else {
            output(text.text("room.go.invalid", ["count": String(room.count)]))
            return
        }
        moved()
    }

    private mutating func answer(_ input: String) -> RoomExit? {
        do {
            let answer = try AnswerParser.parse(input, for: room.current)
            return save(answer)
        } catch let error as ProblemsError {
            for problem in error.problems { output(presenter.explain(problem)) }
            output(presenter.instruction(room.current))
            return nil
        } catch {
            return nil
        }
    }

    /// Saves an answer (or clears it), then moves on.
    private mutating func save(_ answer: Answer?) -> RoomExit? {
        let item = room.current
        do {
            let saved = try backend.saveAnswer(answer, slot: item.slot)
            room.recordAnswer(answer, slot: item.slot)
            let words = presenter.answer(room.answer(for: item), for: item)
            output(text.text("room.saved", ["answer": words, "time": presenter.time(saved), "number": String(room.index + 1)]))
            advance()
            return nil
        } catch let error as ProblemsError {
            return failure(error)
        } catch {
            return nil
        }
    }

    private mutating func toggleFlag() -> RoomExit? {
        let item = room.current
        let flagged = !room.isFlagged(item)
        do {
            try backend.saveFlag(flagged, slot: item.slot)
            room.recordFlag(flagged, slot: item.slot)
            output(text.text(flagged ? "room.flag.on" : "room.flag.off", ["number": String(room.index + 1)]))
            return nil
        } catch let error as ProblemsError {
            return failure(error)
        } catch {
            return nil
        }
    }

    private mutating func switchLanguage(_ argument: String?) -> RoomExit? {
        if let argument {
            guard let language = Language(lenientTag: argument), room.setLanguage(language) else {
                output(
                    text.text(
                        "room.language.unavailable",
                        ["value": argument, "available": room.current.languages.map(\.rawValue).joined(separator: ", ")]))
                return nil
            }
        } else {
            room.cycleLanguage()
        }
        let language = room.language(of: room.current)
        try? backend.recordLanguage(language, slot: room.current.slot)
        output(text.text("room.language.switched", ["language": presenter.languageName(language)]))
        needsQuestion = true
        return nil
    }

    private func review() {
        output("")
        output(text.text("room.review.title"))
        for line in presenter.review(room) { output(line) }
        output(text.text("room.review.hint"))
    }

    private mutating func confirmSubmit() -> RoomExit? {
        review()
        output(text.text("room.submit.confirm"))
        switch waitForLine() {
        case .exit(let exit): return exit
        case .line(let line):
            guard presenter.confirmWords.contains(line.trimmingCharacters(in: .whitespaces).lowercased()) else {
                output(text.text("room.submit.cancelled"))
                return nil
            }
            return submit(automatic: false)
        }
    }

    private mutating func submit(automatic: Bool) -> RoomExit? {
        do {
            try backend.submit(automatic: automatic)
            room.recordSubmitted()
            output(
                text.text(
                    automatic ? "room.submitted.automatic" : "room.submitted",
                    ["time": presenter.time(now()), "answered": String(room.count - room.unanswered.count), "count": String(room.count)]))
            return .submitted(automatic: automatic)
        } catch let error as ProblemsError {
            if error.problems.first?.key == "room.submitted.closed" {
                output(text.text("room.already-submitted-here"))
                return .submitted(automatic: automatic)
            }
            return failure(error) ?? (automatic ? .left : nil)
        } catch {
            return nil
        }
    }

    /// Explains a failed save; the room stays open unless the attempt moved elsewhere or ended.
    private mutating func failure(_ error: ProblemsError) -> RoomExit? {
        let key = error.problems.first?.key ?? ""
        if key == "room.taken-over" { return takenOver() }
        for problem in error.problems { output(presenter.explain(problem)) }
        if key == "room.time-up" { return submit(automatic: true) }
        if key == "room.submitted.closed" { return .submitted(automatic: false) }
        output(text.text("room.not-saved"))
        return nil
    }

    private func takenOver() -> RoomExit {
        output(text.text("room.taken-over"))
        return .takenOver
    }
}
