import CertDeskCore
import CertDeskExam
import Foundation

/// The body of each screen.
extension ScreenRenderer {
    typealias BodyLine = (line: String, style: Frame.Style)

    func instructionsPage(_ state: ScreenState, width: Int, now: Date) -> Page {
        let room = state.room
        let sheet = room.sheet
        let title = text.text(
            "room.title",
            ["track": sheet.track, "title": sheet.trackTitle.best(for: room.language), "session": sheet.sittingID, "centre": sheet.centre])
        var body: [BodyLine] = [("", .plain)]
        body += plain(text.text("room.candidate", ["number": sheet.candidateNumber, "name": sheet.candidateName]), width: width)
        body.append(("", .plain))
        body += plain(
            text.text(
                "room.instructions",
                ["count": String(room.count), "minutes": String(sheet.durationMinutes), "left": ExamRoom.clock(room.remaining(at: now))]),
            width: width)
        body.append(("", .plain))
        body += keyGuide(width: width)
        return Page(
            heading: " " + title, body: body,
            keys: [
                entry("Enter", "room.screen.key.begin"), entry("?", "room.screen.key.help"), entry("q/Ctrl-C", "room.screen.key.leave"),
            ],
            scroll: state.scroll ?? 0)
    }

    func questionPage(_ state: ScreenState, width: Int) -> Page {
        let room = state.room
        let item = room.current
        let language = room.language(of: item)
        var heading = [presenter.module(item, in: language), presenter.points(item)]
        if language != room.language { heading.append(presenter.languageName(language)) }
        var body: [BodyLine] = [("", .plain)]
        body += plain(presenter.stem(item, in: language), width: width)
        body.append(("", .plain))
        if item.hasOptions {
            let chosen = room.answer(for: item).map { Set(item.labels(of: $0)) } ?? []
            for (position, option) in item.options.enumerated() {
                let marked = chosen.contains(option.label)
                let marker = item.type == .multiple ? (marked ? "[x]" : "[ ]") : (marked ? "(•)" : "( )")
                let pointer = position == state.highlight ? ">" : " "
                let indent = " \(pointer) \(marker) \(option.label). "
                let style: Frame.Style = position == state.highlight ? .emphasis : .plain
                body += ScreenLayout.wrap(presenter.optionText(option, in: language), width: width, indent: indent).map { ($0, style) }
            }
            body.append(("", .plain))
            body += plain(presenter.instruction(item), width: width)
            return Page(heading: " " + heading.joined(separator: " · "), body: body, keys: choiceKeys(item), scroll: state.scroll ?? 0)
        }
        body += plain(presenter.instruction(item), width: width)
        body.append(("", .plain))
        let label: String
        if state.draftIsUnsaved {
            label = text.text(item.type == .essay ? "room.screen.answer.unsaved-essay" : "room.screen.answer.unsaved")
        } else if room.answer(for: item) != nil {
            label = text.text("room.screen.answer.saved")
        } else {
            label = text.text("room.screen.answer.label")
        }
        body += ScreenLayout.wrap(label, width: width).map { ($0, state.draftIsUnsaved ? .emphasis : .plain) }
        body += ScreenLayout.wrap(state.draft + "_", width: width, indent: "   > ", hanging: "     ").map { ($0, .plain) }
        // Typing follows the caret; otherwise the question is read from the top.
        let scroll = state.scroll ?? (state.draft.isEmpty ? 0 : nil)
        return Page(heading: " " + heading.joined(separator: " · "), body: body, keys: typedKeys(item), scroll: scroll)
    }

    func reviewPage(_ state: ScreenState, width: Int) -> Page {
        var body: [BodyLine] = [("", .plain)]
        for line in presenter.review(state.room) { body += plain(line, width: width) }
        body.append(("", .plain))
        body += plain(text.text("room.screen.review.hint"), width: width)
        return Page(
            heading: " " + text.text("room.review.title"), body: body,
            keys: [
                entry("N Enter", "room.screen.key.go"), entry("s", "room.screen.key.submit"), entry("Esc/r", "room.screen.key.back"),
                entry("q/Ctrl-C", "room.screen.key.leave"),
            ],
            scroll: state.scroll ?? 0)
    }

    func confirmSubmitPage(_ state: ScreenState, width: Int) -> Page {
        var body: [BodyLine] = [("", .plain)]
        for line in presenter.review(state.room) { body += plain(line, width: width) }
        body.append(("", .plain))
        body += ScreenLayout.wrap(text.text("room.screen.submit.confirm"), width: width).map { ($0, .emphasis) }
        return Page(
            heading: " " + text.text("room.screen.submit.title"), body: body,
            keys: [entry("y", "room.screen.key.submit"), entry("n/Esc", "room.screen.key.back")], scroll: state.scroll ?? 0)
    }

    func confirmLeavePage(_ state: ScreenState, width: Int, now: Date) -> Page {
        var body: [BodyLine] = [("", .plain)]
        let left = ExamRoom.clock(state.room.remaining(at: now))
        body += ScreenLayout.wrap(text.text("room.screen.leave.confirm", ["left": left]), width: width).map { ($0, .emphasis) }
        return Page(
            heading: " " + text.text("room.screen.leave.title"), body: body,
            keys: [entry("y", "room.screen.key.leave"), entry("n/Esc", "room.screen.key.stay")], scroll: state.scroll ?? 0)
    }

    func helpPage(_ state: ScreenState, width: Int) -> Page {
        var body: [BodyLine] = [("", .plain)]
        body += keyGuide(width: width)
        body += plain(text.text("room.screen.help.essay"), width: width)
        body.append(("", .plain))
        body += plain(text.text("room.screen.help.saving"), width: width)
        return Page(
            heading: " " + text.text("room.screen.help.title"), body: body, keys: [entry("Esc/Enter", "room.screen.key.back")],
            scroll: state.scroll ?? 0)
    }

    /// Every key, for both kinds of question, as on the instructions and help screens.
    func keyGuide(width: Int) -> [BodyLine] {
        var lines: [BodyLine] = ScreenLayout.wrap(text.text("room.screen.help.choice"), width: width).map { ($0, .emphasis) }
        lines += ScreenLayout.pack(choiceKeys(nil), width: width, indent: "   ").map { ($0, .plain) }
        lines += ScreenLayout.wrap(text.text("room.screen.help.typed"), width: width).map { ($0, .emphasis) }
        lines += ScreenLayout.pack(typedKeys(nil), width: width, indent: "   ").map { ($0, .plain) }
        lines += plain(text.text("room.screen.help.escape"), width: width)
        return lines
    }

    func plain(_ paragraph: String, width: Int) -> [BodyLine] {
        ScreenLayout.wrap(paragraph, width: width).map { ($0, .plain) }
    }
}
