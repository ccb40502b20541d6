import CertDeskCore

/// Chooses the language to speak: `--lang`, else `CERTDESK_LANG`, else the POSIX locale.
///
/// The POSIX variables are read in their order of precedence (`LC_ALL`, `LC_MESSAGES`, `LANG`);
/// `zh_TW`, `zh_HK` and `zh_MO` mean Traditional Chinese, `zh_CN` and `zh_SG` Simplified
/// Chinese, anything else English. Foundation's `Locale.current` is not consulted: on Linux it
/// does not follow these variables.
public enum LanguageResolver {
    /// The language for a command-line flag and an environment.
    ///
    /// - Returns: the language, and the value that named an unsupported language, if any, so the
    ///   caller can warn about it.
    public static func resolve(flag: String?, environment: [String: String]) -> (Language, rejected: String?) {
        if let flag, !flag.isEmpty {
            if let language = Language(lenientTag: flag) { return (language, nil) }
            return (.english, flag)
        }
        if let configured = environment["CERTDESK_LANG"], !configured.isEmpty {
            if let language = Language(lenientTag: configured) { return (language, nil) }
            return (.english, configured)
        }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            if value == "C" || value == "POSIX" { return (.english, nil) }
            return (Language(lenientTag: value) ?? .english, nil)
        }
        return (.english, nil)
    }
}
