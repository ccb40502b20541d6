import CertDeskCore
import Foundation

/// Where the database is: `--db PATH`, else `CERTDESK_DB`, else `./certdesk.sqlite`.
public enum DatabaseLocation {
    public static func resolve(flag: String?, environment: [String: String]) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let configured = environment["CERTDESK_DB"], !configured.isEmpty { return configured }
        return "certdesk.sqlite"
    }
}

/// The OS account running CertDesk, as the system knows it (not as `USER` claims).
public enum OSUser {
    public static func current() -> String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "uid-\(geteuid())" }
        return String(cString: name)
    }
}
