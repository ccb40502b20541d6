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

/// The name recorded as the operator of a change, until staff accounts exist: the OS user.
public enum OperatorName {
    public static func current(environment: [String: String]) -> String {
        environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
    }
}
