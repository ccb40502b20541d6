import CertDeskText

/// The text functions the CLI uses, in one place.
enum CertDeskTextBridge {
    static func truncate(_ text: String, _ width: Int) -> String { TextWidth.truncate(text, to: width) }
    static func wrap(_ text: String, _ width: Int) -> [String] { LineBreaker.wrap(text, width: width) }
}
