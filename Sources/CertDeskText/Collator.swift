import CICUShim
import Foundation

/// Locale-aware ordering of text with an ICU collator.
///
/// English sorts alphabetically, Simplified Chinese by pinyin, Traditional Chinese by stroke
/// count, as readers of each expect in a listing.
public final class Collator: @unchecked Sendable {
    // @unchecked: the ICU collator is only used under `lock`.
    private let handle: UnsafeMutableRawPointer?
    private let lock = NSLock()

    /// A collator for an ICU locale id such as `en`, `zh@collation=pinyin`, `zh_Hant@collation=stroke`.
    public init(icuLocale: String) {
        handle = cdi_collator_open(icuLocale)
    }

    deinit { cdi_collator_close(handle) }

    /// The sort key of `text`; keys compare bytewise in collation order.
    public func sortKey(_ text: String) -> [UInt8] {
        let units = Array(text.utf16)
        lock.lock()
        defer { lock.unlock() }
        var capacity = units.count * 4 + 16
        while true {
            var out = [UInt8](repeating: 0, count: capacity)
            let needed = units.withUnsafeBufferPointer { source in
                out.withUnsafeMutableBufferPointer { target in
                    cdi_collator_sort_key(handle, source.baseAddress, Int32(source.count), target.baseAddress, Int32(capacity))
                }
            }
            if needed <= 0 { return Array(text.utf8) }
            if Int(needed) <= capacity { return Array(out.prefix(Int(needed))) }
            capacity = Int(needed)
        }
    }

    /// Whether `lhs` sorts before `rhs`.
    public func less(_ lhs: String, _ rhs: String) -> Bool {
        sortKey(lhs).lexicographicallyPrecedes(sortKey(rhs))
    }

    /// `items` sorted by the collation order of `key`.
    public func sorted<T>(_ items: [T], by key: (T) -> String) -> [T] {
        items.map { (sortKey(key($0)), $0) }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }
            .map(\.1)
    }
}

/// The ICU library CertDesk is linked against.
public enum ICU {
    /// ICU's version, e.g. `72.1`.
    public static var version: String { String(cString: cdi_icu_version()) }
}
