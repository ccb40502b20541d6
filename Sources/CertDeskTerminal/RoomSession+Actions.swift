import CertDeskCore
import CertDeskExam
import CertDeskText
import Foundation

/// Saving through the backend, moving, and the screens the room opens; an answer is shown as
/// saved only after the backend returned.
extension RoomSession {
    // MARK: Answers

    /// Chooses an option: the answer of a single-choice or true-false item, or one more (or one
    /// fewer) of a multiple-choice item's answers.
    mutating func choose(_ option: SheetOption) -> RoomExit? {
        let item = state.room.current
        if let position = item.options.firstIndex(of: option) { state.highlight = position }
        var chosen: Set<String> = []
        if case .choices(let ids)? = state.room.answer(for: item) { chosen = Set(ids) }
        let answer: Answer?
        if item.type == .multiple {
            if chosen.contains(option.id) { chosen.remove(option.id) } else { chosen.insert(option.id) }
            answer = chosen.isEmpty ? nil : .choices(item.options.map(\.id).filter { chosen.contains($0) })
        } else {
            if chosen == [option.id] { return nil }
            answer = .choices([option.id])
        }
        return save(answer, to: item).exit
    }

    /// Saves the typed answer when asked to (Enter, Tab, Ctrl-S).
    mutating func saveDraft() -> RoomExit? {
        if !state.draftIsUnsaved {
            state.status = .init(text.text("room.screen.unchanged"))
            return nil
        }
        return commitDraft().exit
    }

    /// Saves the typed answer if it differs from the saved one: before moving, reviewing,
    /// submitting or leaving, so nothing typed is lost.
    mutating func commitDraft() -> Step {
        guard state.mode == .question, state.isTyped, state.draftIsUnsaved else { return .proceed }
        let item = state.room.current
        if state.draft.allSatisfy(\.isWhitespace) { return save(nil, to: item) }
        do {
            let answer = try AnswerParser.parse(state.draft, for: item)
            if answer == state.room.answer(for: item) {
                state.draft = state.savedText
                return .proceed
            }
            return save(answer, to: item)
        } catch let error as ProblemsError {
            let explained = sentences(error.problems.map(presenter.explain))
            state.status = .init(sentences([explained, presenter.instruction(item)]), kind: .error)
            return .stay
        } catch {
            return .stay
        }
    }

    /// Appends the answer (or its clearing) through the backend; records it only once saved.
    mutating func save(_ answer: Answer?, to item: SheetItem) -> Step {
        do {
            let savedAt = try backend.saveAnswer(answer, slot: item.slot)
            state.room.recordAnswer(answer, slot: item.slot)
            if state.room.current.slot == item.slot { state.draft = state.savedText }
            let number = (state.room.sheet.items.firstIndex { $0.slot == item.slot } ?? state.room.index) + 1
            let words = presenter.answer(state.room.answer(for: item), for: item).replacingOccurrences(of: "\n", with: " ")
            state.status = .init(
                text.text(
                    "room.saved",
                    ["answer": TextWidth.truncate(words, to: 40), "time": presenter.time(savedAt), "number": String(number)]),
                kind: .saved)
            return .proceed
        } catch let error as ProblemsError {
            return failure(error).map { .exit($0) } ?? .stay
        } catch {
            state.status = .init(text.text("room.not-saved"), kind: .error)
            return .stay
        }
    }

    mutating func toggleFlag() -> RoomExit? {
        let item = state.room.current
        let flagged = !state.room.isFlagged(item)
        do {
            try backend.saveFlag(flagged, slot: item.slot)
            state.room.recordFlag(flagged, slot: item.slot)
            state.status = .init(
                text.text(flagged ? "room.flag.on" : "room.flag.off", ["number": String(state.room.index + 1)]), kind: .saved)
            return nil
        } catch let error as ProblemsError {
            return failure(error)
        } catch {
            return nil
        }
    }

    /// Shows the current question in its next language (en → zh-Hant → zh-Hans).
    mutating func switchLanguage() {
        let language = state.room.cycleLanguage()
        try? backend.recordLanguage(language, slot: state.room.current.slot)
        state.status = .init(text.text("room.language.switched", ["language": presenter.languageName(language)]))
    }

    // MARK: Moving

    mutating func next() -> RoomExit? {
        if state.room.index == state.room.count - 1 { return openReview() }
        return move { $0.next() }
    }

    mutating func previous() -> RoomExit? { move { $0.previous() } }

    /// Goes to the question numbered `typed`.
    mutating func go(to typed: String) -> RoomExit? {
        guard let number = Int(typed), (1...state.room.count).contains(number) else {
            state.status = .init(
                text.text("room.screen.go.invalid", ["number": typed, "count": String(state.room.count)]), kind: .error)
            return nil
        }
        return move { $0.go(to: number) }
    }

    /// Saves what is typed, then changes the question and tells the store where the candidate is.
    private mutating func move(_ change: (inout ExamRoom) -> Void) -> RoomExit? {
        // Only what happens on the way (saving the typed answer) is worth keeping on the status line.
        state.status = nil
        switch commitDraft() {
        case .exit(let exit): return exit
        case .stay: return nil
        case .proceed: break
        }
        let before = state.room.index
        change(&state.room)
        state.mode = .question
        guard state.room.index != before else { return nil }
        state.resetItem()
        try? backend.recordPosition(slot: state.room.current.slot)
        return nil
    }

    mutating func backToQuestion() {
        state.mode = .question
        state.scroll = nil
    }

    // MARK: Screens

    mutating func openReview() -> RoomExit? {
        switch commitDraft() {
        case .exit(let exit): return exit
        case .stay: return nil
        case .proceed: break
        }
        state.mode = .review
        state.scroll = nil
        state.jump = nil
        return nil
    }

    mutating func openSubmit() -> RoomExit? {
        switch commitDraft() {
        case .exit(let exit): return exit
        case .stay: return nil
        case .proceed: break
        }
        state.returnMode = state.mode
        state.mode = .confirmSubmit
        state.scroll = nil
        return nil
    }

    mutating func openLeave() -> RoomExit? {
        switch commitDraft() {
        case .exit(let exit): return exit
        case .stay: return nil
        case .proceed: break
        }
        state.returnMode = state.mode
        state.mode = .confirmLeave
        state.scroll = nil
        state.jump = nil
        state.awaitingCommand = false
        return nil
    }

    mutating func openHelp() {
        state.returnMode = state.mode
        state.mode = .help
        state.scroll = nil
    }

    /// Back from help or a confirmation to the screen it was opened from.
    mutating func back() {
        state.mode = state.returnMode
        state.scroll = nil
    }

    // MARK: Ending

    mutating func submit(automatic: Bool) -> RoomExit? {
        do {
            try backend.submit(automatic: automatic)
            state.room.recordSubmitted()
            let answered = state.room.count - state.room.unanswered.count
            farewell.append(
                text.text(
                    automatic ? "room.submitted.automatic" : "room.submitted",
                    ["time": presenter.time(now()), "answered": String(answered), "count": String(state.room.count)]))
            return .submitted(automatic: automatic)
        } catch let error as ProblemsError {
            let key = error.problems.first?.key ?? ""
            if key == "room.submitted.closed" {
                farewell.append(text.text("room.already-submitted-here"))
                return .submitted(automatic: automatic)
            }
            if key == "room.taken-over" { return takenOver() }
            let explained = sentences(error.problems.map(presenter.explain))
            if automatic {
                farewell.append(explained)
                return .left
            }
            back()
            state.status = .init(sentences([explained, text.text("room.screen.not-submitted")]), kind: .error)
            return nil
        } catch {
            return automatic ? .left : nil
        }
    }

    /// Explains a failed save; the room stays open unless the attempt moved elsewhere or ended.
    mutating func failure(_ error: ProblemsError) -> RoomExit? {
        let key = error.problems.first?.key ?? ""
        if key == "room.taken-over" { return takenOver() }
        let explained = sentences(error.problems.map(presenter.explain))
        if key == "room.time-up" {
            farewell.append(explained)
            return submit(automatic: true)
        }
        if key == "room.submitted.closed" {
            farewell.append(explained)
            return .submitted(automatic: false)
        }
        state.status = .init(sentences([explained, text.text("room.not-saved")]), kind: .error)
        return nil
    }

    /// Messages run together as one paragraph: a space after Latin punctuation, none after `。`.
    func sentences(_ parts: [String]) -> String {
        parts.filter { !$0.isEmpty }.reduce("") { joined, part in
            guard let last = joined.unicodeScalars.last else { return part }
            return joined + (TextWidth.of(String(last)) == 2 ? "" : " ") + part
        }
    }

    mutating func takenOver() -> RoomExit {
        farewell.append(text.text("room.taken-over"))
        return .takenOver
    }
}
