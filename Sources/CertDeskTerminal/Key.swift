/// One key press as the full-screen room understands it, decoded from the bytes a terminal sends.
///
/// Printable input arrives as ``character(_:)``, whatever script it is in (a Chinese input
/// method sends complete UTF-8 characters). Keys that cannot be text (arrows, Tab, Esc,
/// Ctrl-letter) are separate cases, so the room can use them as commands while a candidate types.
public enum Key: Sendable, Hashable {
    /// A printable character, including a space.
    case character(Character)
    /// Return or Enter (CR or LF).
    case enter
    /// Tab: saves a typed answer.
    case tab
    /// Shift-Tab.
    case backTab
    /// Backspace (DEL or BS).
    case backspace
    /// The Delete key (forward delete).
    case delete
    /// A lone Esc, not the start of a longer sequence.
    case escape
    /// The arrow keys.
    case up
    case down
    case left
    case right
    /// Home and End.
    case home
    case end
    /// Page Up and Page Down: scroll a long screen.
    case pageUp
    case pageDown
    /// A function key, F1 to F12.
    case function(Int)
    /// Ctrl with a letter, named by the lower-case letter: Ctrl-C is `.control("c")`.
    case control(Character)
    /// Alt (Meta) with a character, sent as Esc followed by the character.
    case alt(Character)
    /// A sequence the room does not know; ignored.
    case unknown
}
