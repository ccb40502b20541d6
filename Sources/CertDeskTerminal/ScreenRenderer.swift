import CertDeskCore
import CertDeskExam
import CertDeskLocalization
import CertDeskText
import Foundation

/// Lays out the full-screen room: from the room's state, the terminal size and the time, the
/// lines to draw. Pure, so every screen can be checked at 80 × 24 without a terminal.
///
/// Every screen has the same frame: a title bar (track, candidate number, question number, flag
/// mark, time left), a heading line, the body, a rule, the status line(s) and a footer listing
/// every key that works on that screen. A body too long for the screen scrolls with PgUp/PgDn.
///
/// ```swift
/// let frame = ScreenRenderer(localizer: localizer).render(state, size: TerminalSize(columns: 80, rows: 24), now: Date())
/// frame.lines.count  // 24
/// ```
public struct ScreenRenderer: Sendable {
    /// The words of items and messages, in the candidate's language.
    public let presenter: ItemPresenter

    /// The most status lines shown; a longer message is cut.
    public static let maximumStatusLines = 3

    /// A renderer speaking `localizer`'s language.
    public init(localizer: Localizer) { presenter = ItemPresenter(localizer: localizer) }

    var text: Localizer { presenter.localizer }

    /// The screen for `state` at `size` and time `now`: exactly `size.rows` lines, none wider
    /// than `size.columns`.
    public func render(_ state: ScreenState, size: TerminalSize, now: Date) -> Frame {
        guard size.isLargeEnough else { return tooSmall(size) }
        let width = size.columns
        let layout = self.layout(state, size: size, now: now)
        let body = visibleBody(layout.page.body, rows: layout.bodyRows, start: layout.start, width: width)

        var lines = [titleBar(state, width: width, now: now), ScreenLayout.fit(layout.page.heading, width: width)]
        var styles: [Frame.Style] = [titleStyle(state, now: now), .emphasis]
        lines += body.lines
        styles += body.styles
        while lines.count < 2 + layout.bodyRows {
            lines.append("")
            styles.append(.plain)
        }
        lines.append(String(repeating: "─", count: width))
        styles.append(.plain)
        lines += layout.status.map(\.line)
        styles += layout.status.map(\.style)
        lines += layout.footer
        styles += layout.footer.map { _ in .plain }
        return Frame(lines: Array(lines.prefix(size.rows)), styles: Array(styles.prefix(size.rows)))
    }

    /// The first body line shown for `state` at `size`, as ``render(_:size:now:)`` clamps it;
    /// the room pages up and down from there.
    public func scrollPosition(_ state: ScreenState, size: TerminalSize, now: Date) -> Int {
        guard size.isLargeEnough else { return 0 }
        return layout(state, size: size, now: now).start
    }

    /// How many body lines one page shows at `size`, the step of PgUp and PgDn.
    public func bodyRows(_ state: ScreenState, size: TerminalSize, now: Date) -> Int {
        guard size.isLargeEnough else { return 0 }
        return max(1, layout(state, size: size, now: now).bodyRows - 1)
    }

    private struct Layout {
        var page: Page
        var status: [(line: String, style: Frame.Style)]
        var footer: [String]
        var bodyRows: Int
        /// The first body line shown.
        var start: Int
    }

    private func layout(_ state: ScreenState, size: TerminalSize, now: Date) -> Layout {
        let page = self.page(state, width: size.columns, now: now)
        let status = statusLines(state, width: size.columns)
        var footer = ScreenLayout.pack(page.keys, width: size.columns)
        var rows = max(1, size.rows - 3 - status.count - footer.count)
        if page.body.count > rows {
            footer = ScreenLayout.pack(page.keys + [entry("PgUp/PgDn", "room.screen.key.scroll")], width: size.columns)
            rows = max(1, size.rows - 3 - status.count - footer.count)
        }
        var start = 0
        if page.body.count > rows {
            let lastStart = page.body.count - max(1, rows - 1)
            start = min(max(0, page.scroll ?? lastStart), lastStart)
        }
        return Layout(page: page, status: status, footer: footer, bodyRows: rows, start: start)
    }

    /// What a screen shows between the title bar and the status line.
    struct Page {
        var heading: String
        var body: [(line: String, style: Frame.Style)]
        /// The key entries of the footer.
        var keys: [String]
        /// The first body line wanted when the body does not fit; `nil` shows the end.
        var scroll: Int?
    }

    func page(_ state: ScreenState, width: Int, now: Date) -> Page {
        switch state.mode {
        case .instructions: instructionsPage(state, width: width, now: now)
        case .question: questionPage(state, width: width)
        case .review: reviewPage(state, width: width)
        case .confirmSubmit: confirmSubmitPage(state, width: width)
        case .confirmLeave: confirmLeavePage(state, width: width, now: now)
        case .help: helpPage(state, width: width)
        }
    }

    // MARK: Title bar

    func titleBar(_ state: ScreenState, width: Int, now: Date) -> String {
        let room = state.room
        var left = [room.sheet.track, room.sheet.candidateNumber]
        if state.mode != .instructions {
            left.append(presenter.position(room))
            if room.isFlagged(room.current) { left.append("[\(text.text("room.flagged"))]") }
        }
        let right = text.text("room.time-left", ["left": ExamRoom.clock(room.remaining(at: now))])
        return ScreenLayout.spread(" " + left.joined(separator: " · "), right + " ", width: width)
    }

    private func titleStyle(_ state: ScreenState, now: Date) -> Frame.Style {
        state.room.remaining(at: now) <= ExamRoom.warningInterval ? .alert : .bar
    }

    // MARK: Status

    private func statusLines(_ state: ScreenState, width: Int) -> [(line: String, style: Frame.Style)] {
        let message: ScreenState.Status?
        if let jump = state.jump {
            message = .init(text.text("room.screen.jump", ["number": jump + "_", "count": String(state.room.count)]), kind: .info)
        } else if state.awaitingCommand {
            message = .init(text.text("room.screen.command"), kind: .info)
        } else {
            message = state.status
        }
        guard let message, !message.text.isEmpty else { return [] }
        let style: Frame.Style =
            switch message.kind {
            case .info, .saved: .plain
            case .warning: .alert
            case .error: .emphasis
            }
        var lines = ScreenLayout.wrap(message.text, width: width)
        if lines.count > Self.maximumStatusLines {
            lines = Array(lines.prefix(Self.maximumStatusLines))
            lines[lines.count - 1] = TextWidth.truncate(lines[lines.count - 1] + "…", to: width)
        }
        return lines.map { (ScreenLayout.fit($0, width: width), style) }
    }

    // MARK: Scrolling

    private func visibleBody(
        _ body: [(line: String, style: Frame.Style)], rows: Int, start: Int, width: Int
    ) -> (lines: [String], styles: [Frame.Style]) {
        let fitted = body.map { (ScreenLayout.fit($0.line, width: width), $0.style) }
        guard fitted.count > rows else { return (fitted.map(\.0), fitted.map(\.1)) }
        let shown = max(1, rows - 1)
        let window = fitted[start..<min(fitted.count, start + shown)]
        let marker = text.text(
            "room.screen.more", ["from": String(start + 1), "to": String(start + window.count), "count": String(fitted.count)])
        return (window.map(\.0) + [ScreenLayout.fit(" " + marker, width: width)], window.map(\.1) + [.emphasis])
    }

    // MARK: Too small

    private func tooSmall(_ size: TerminalSize) -> Frame {
        guard size.rows > 0 else { return Frame(lines: [], styles: []) }
        let message = text.text(
            "room.screen.too-small",
            [
                "columns": String(size.columns), "rows": String(size.rows), "min-columns": String(TerminalSize.minimum.columns),
                "min-rows": String(TerminalSize.minimum.rows),
            ])
        var lines = size.columns > 0 ? ScreenLayout.wrap(message, width: size.columns, indent: "") : []
        lines = Array(lines.prefix(size.rows))
        while lines.count < size.rows { lines.append("") }
        return Frame(lines: lines, styles: lines.map { _ in .plain })
    }
}
