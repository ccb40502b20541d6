import CertDeskCore
import CertDeskExam

/// The footer's key entries: the key as printed on the keyboard, then what it does in the
/// candidate's language.
///
/// On questions with options, plain letters are commands. On typed-answer questions every
/// printable key is part of the answer, so commands are Esc followed by the same letter (Alt
/// with the letter sends the same bytes); arrows, Tab, Backspace and Ctrl keys work directly.
extension ScreenRenderer {
    /// `f flag`: a key label and the localized action.
    func entry(_ keys: String, _ action: String) -> String {
        keys.isEmpty ? text.text(action) : keys + " " + text.text(action)
    }

    /// The keys of a question with options (`item` nil: the general list, A–E).
    func choiceKeys(_ item: SheetItem?) -> [String] {
        let last = item?.options.last?.label ?? "E"
        let choose = item?.type == .multiple ? "room.screen.key.toggle" : "room.screen.key.choose"
        return [
            entry("A–\(last)", choose), entry("↑/↓", "room.screen.key.highlight"), entry("Space", choose),
            entry("Del", "room.screen.key.clear"), entry("←/→ p/n", "room.screen.key.move"), entry("g, N Enter", "room.screen.key.go"),
            entry("f", "room.screen.key.flag"), entry("l", "room.screen.key.language"), entry("r", "room.screen.key.review"),
            entry("s", "room.screen.key.submit"), entry("?", "room.screen.key.help"), entry("q/Ctrl-C", "room.screen.key.leave"),
        ]
    }

    /// The keys of a typed-answer question (`item` nil: the general list, as for a short answer).
    func typedKeys(_ item: SheetItem?) -> [String] {
        var keys = [text.text("room.screen.key.type")]
        if item?.type == .essay {
            keys += [entry("Enter", "room.screen.key.newline"), entry("Tab/Ctrl-S", "room.screen.key.save")]
        } else {
            keys.append(entry("Enter/Tab/Ctrl-S", "room.screen.key.save"))
        }
        return keys + [
            entry("Backspace", "room.screen.key.erase"), entry("←/→", "room.screen.key.move"),
            entry("Esc g, N Enter", "room.screen.key.go"), entry("Esc f", "room.screen.key.flag"),
            entry("Esc l", "room.screen.key.language"), entry("Esc r", "room.screen.key.review"),
            entry("Esc s", "room.screen.key.submit"), entry("Esc ?", "room.screen.key.help"),
            entry("Esc q/Ctrl-C", "room.screen.key.leave"),
        ]
    }
}
