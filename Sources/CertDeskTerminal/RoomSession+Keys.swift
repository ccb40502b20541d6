import CertDeskCore
import CertDeskExam
import Foundation

/// What each key does on each screen.
///
/// Questions with options: letters choose (A–E) or command (n p g f l r s ? q), digits start a
/// jump. Typed-answer questions: printable keys are the answer; Esc (or Alt) then a command
/// letter commands; arrows move, Tab and Ctrl-S save, Enter saves (a new line in an essay).
/// Ctrl-C asks to leave everywhere.
extension RoomSession {
    mutating func handle(_ key: Key) -> RoomExit? {
        // Keys typed while the screen is too small to show them would act unseen.
        guard size.isLargeEnough else { return nil }
        if key == .control("c"), state.mode != .confirmLeave, state.mode != .confirmSubmit { return openLeave() }
        switch state.mode {
        case .instructions: return instructionsKey(key)
        case .question: return state.isTyped ? typedKey(key) : choiceKey(key)
        case .review: return reviewKey(key)
        case .confirmSubmit: return confirmSubmitKey(key)
        case .confirmLeave: return confirmLeaveKey(key)
        case .help: return helpKey(key)
        }
    }

    private mutating func instructionsKey(_ key: Key) -> RoomExit? {
        switch key {
        case .enter:
            state.mode = .question
            state.scroll = nil
        case .character("?"), .alt("?"): openHelp()
        case .character("q"), .character("Q"), .alt("q"): return openLeave()
        case .pageUp, .pageDown: scroll(key)
        default: break
        }
        return nil
    }

    private mutating func choiceKey(_ key: Key) -> RoomExit? {
        if state.jump != nil, case let step = jumpKey(key), step != .proceed { return step.exit }
        let item = state.room.current
        switch key {
        case .character(" "):
            return choose(item.options[state.highlight])
        case .character(let character):
            if let digit = Self.digit(character) {
                state.jump = String(digit)
                return nil
            }
            if character.isLetter, let option = item.option(labelled: String(character)) { return choose(option) }
            return command(character)
        case .alt(let character): return command(character)
        case .up: state.highlight = max(0, state.highlight - 1)
        case .down: state.highlight = min(item.options.count - 1, state.highlight + 1)
        case .left: return previous()
        case .right: return next()
        case .backspace, .delete:
            if state.room.answer(for: item) != nil { return save(nil, to: item).exit }
        case .pageUp, .pageDown: scroll(key)
        case .escape: state.status = nil
        default: break
        }
        return nil
    }

    private mutating func typedKey(_ key: Key) -> RoomExit? {
        if state.jump != nil, case let step = jumpKey(key), step != .proceed { return step.exit }
        if state.awaitingCommand {
            state.awaitingCommand = false
            if case .character(let character) = key { return command(character) }
            if key == .escape { return nil }
        }
        switch key {
        case .character(let character):
            state.draft.append(character)
            state.scroll = nil
        case .enter:
            if state.room.current.type == .essay {
                state.draft.append("\n")
                state.scroll = nil
            } else {
                return saveDraft()
            }
        case .tab, .control("s"): return saveDraft()
        case .backspace:
            if !state.draft.isEmpty { state.draft.removeLast() }
            state.scroll = nil
        case .left: return previous()
        case .right: return next()
        case .escape: state.awaitingCommand = true
        case .alt(let character): return command(character)
        case .pageUp, .pageDown: scroll(key)
        default: break
        }
        return nil
    }

    private mutating func reviewKey(_ key: Key) -> RoomExit? {
        if state.jump != nil, case let step = jumpKey(key), step != .proceed { return step.exit }
        switch key {
        case .character(let character), .alt(let character):
            if let digit = Self.digit(character) {
                state.jump = String(digit)
            } else {
                switch character.lowercased() {
                case "s": return openSubmit()
                case "r": backToQuestion()
                case "q": return openLeave()
                default: break
                }
            }
        case .escape, .left: backToQuestion()
        case .pageUp, .pageDown: scroll(key)
        default: break
        }
        return nil
    }

    private mutating func confirmSubmitKey(_ key: Key) -> RoomExit? {
        if case .character(let character) = key, presenter.confirmWords.contains(String(character).lowercased()) {
            return submit(automatic: false)
        }
        switch key {
        case .pageUp, .pageDown: scroll(key)
        default:
            back()
            state.status = .init(text.text("room.submit.cancelled"))
        }
        return nil
    }

    private mutating func confirmLeaveKey(_ key: Key) -> RoomExit? {
        if case .character(let character) = key, presenter.confirmWords.contains(String(character).lowercased()) {
            backend.release()
            farewell.append(text.text("room.left", ["left": ExamRoom.clock(state.room.remaining(at: now()))]))
            return .left
        }
        back()
        return nil
    }

    private mutating func helpKey(_ key: Key) -> RoomExit? {
        switch key {
        case .pageUp, .pageDown: scroll(key)
        default: back()
        }
        return nil
    }

    /// A key while "go to question" digits are being typed: `.proceed` when the key is not
    /// part of the jump and is handled as usual.
    private mutating func jumpKey(_ key: Key) -> Step {
        switch key {
        case .character(let character):
            guard let digit = Self.digit(character) else {
                state.jump = nil
                return .proceed
            }
            state.jump = (state.jump ?? "") + String(digit)
        case .backspace:
            if state.jump?.isEmpty ?? true { state.jump = nil } else { state.jump?.removeLast() }
        case .enter:
            let typed = state.jump ?? ""
            state.jump = nil
            if let exit = go(to: typed) { return .exit(exit) }
        case .escape:
            state.jump = nil
        default:
            state.jump = nil
            return .proceed
        }
        return .stay
    }

    /// A command letter: the same on every question (Esc first on typed-answer ones).
    mutating func command(_ character: Character) -> RoomExit? {
        switch character.lowercased() {
        case "n": return next()
        case "p": return previous()
        case "g": state.jump = ""
        case "f": return toggleFlag()
        case "l": switchLanguage()
        case "r": return openReview()
        case "s": return openSubmit()
        case "?": openHelp()
        case "q": return openLeave()
        default:
            state.status = .init(text.text("room.screen.unknown-key", ["key": String(character)]), kind: .error)
        }
        return nil
    }

    /// The value of a decimal digit, ASCII or full width (`３` from a Chinese input method);
    /// `nil` for anything else, Chinese numerals (`三`) included.
    static func digit(_ character: Character) -> Int? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
            scalar.properties.numericType == .decimal
        else { return nil }
        return character.wholeNumberValue
    }

    private mutating func scroll(_ key: Key) {
        let top = renderer.scrollPosition(state, size: size, now: now())
        let page = renderer.bodyRows(state, size: size, now: now())
        state.scroll = key == .pageUp ? max(0, top - page) : top + page
    }
}
