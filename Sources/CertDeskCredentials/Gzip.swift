import CZlib
import Foundation

/// Why ``Gzip/decompress(_:limit:)`` refused its input.
public enum GzipError: String, Error, Sendable, Hashable {
    /// The bytes are not a gzip (or zlib) stream, or its checksum or length does not match.
    case corrupt = "gzip.corrupt"
    /// The stream ends before its end marker and trailer.
    case truncated = "gzip.truncated"
    /// More bytes follow the end of the stream.
    case trailingData = "gzip.trailing-data"
    /// The decompressed data would be larger than the limit.
    case tooLarge = "gzip.too-large"
    /// zlib could not start or run (out of memory).
    case zlibFailure = "gzip.zlib-failure"
}

/// GZIP compression (RFC 1952) through the system zlib, as Bitstring Status Lists require.
///
/// ```swift
/// let packed = Gzip.compress(Data(count: 16_384))   // a few dozen bytes, starting 1F 8B
/// try Gzip.decompress(packed) == Data(count: 16_384) // true
/// ```
public enum Gzip {
    /// The most bytes ``decompress(_:limit:)`` produces by default: 16 MiB.
    public static let defaultLimit = 16 << 20

    /// The largest piece handed to zlib at once (its counters are 32-bit).
    private static let pieceSize = 1 << 30
    /// How much output to ask zlib for at a time.
    private static let chunkSize = 1 << 16

    /// Compresses bytes into one gzip member at level 9, with an empty header (no name, time 0).
    ///
    /// The output depends only on the input and the zlib version.
    public static func compress(_ data: Data) -> Data {
        var stream = z_stream()
        // windowBits 15 + 16 asks for a gzip header and trailer instead of zlib's.
        let status = deflateInit2_(
            &stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed (\(status)): zlib is out of memory")
        defer { deflateEnd(&stream) }
        var input = [UInt8](data)
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        input.withUnsafeMutableBufferPointer { source in
            var offset = 0
            var finished = false
            while !finished {
                let piece = min(source.count - offset, pieceSize)
                stream.next_in = source.baseAddress.map { $0 + offset }
                stream.avail_in = uInt(piece)
                offset += piece
                let flush = offset == source.count ? Z_FINISH : Z_NO_FLUSH
                repeat {
                    let produced = chunk.withUnsafeMutableBufferPointer { target -> Int in
                        stream.next_out = target.baseAddress
                        stream.avail_out = uInt(target.count)
                        let result = deflate(&stream, flush)
                        precondition(result != Z_STREAM_ERROR, "deflate reported a stream error")
                        finished = result == Z_STREAM_END
                        return target.count - Int(stream.avail_out)
                    }
                    output.append(contentsOf: chunk[0..<produced])
                } while stream.avail_out == 0 || (flush == Z_FINISH && !finished)
            }
        }
        return output
    }

    /// Decompresses one gzip member (a zlib stream is accepted too), refusing anything odd.
    ///
    /// Never traps on bad input: every problem is thrown. Output beyond `limit` bytes is not
    /// produced, so a small "zip bomb" costs at most `limit` bytes of memory.
    ///
    /// - Parameters:
    ///   - data: the compressed bytes, exactly one stream with nothing after it.
    ///   - limit: the most decompressed bytes accepted; 16 MiB unless said otherwise.
    /// - Throws: ``GzipError``: `.corrupt` for bad headers, data or checksums, `.truncated`
    ///   when the stream stops early, `.trailingData` for bytes after it, `.tooLarge` past
    ///   `limit`, `.zlibFailure` when zlib has no memory.
    public static func decompress(_ data: Data, limit: Int = defaultLimit) throws(GzipError) -> Data {
        let limit = max(limit, 0)
        var stream = z_stream()
        // windowBits 15 + 32 detects a gzip or zlib header by itself.
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .zlibFailure
        }
        defer { inflateEnd(&stream) }
        var input = [UInt8](data)
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let outcome: GzipError? = input.withUnsafeMutableBufferPointer { source in
            var offset = 0
            while true {
                if stream.avail_in == 0 && offset < source.count {
                    let piece = min(source.count - offset, pieceSize)
                    stream.next_in = source.baseAddress.map { $0 + offset }
                    stream.avail_in = uInt(piece)
                    offset += piece
                }
                // Ask for at most one byte past the limit, so going over it is seen but costs nothing more.
                let remaining = limit - output.count
                let room = remaining < chunk.count ? remaining + 1 : chunk.count
                var result: Int32 = Z_OK
                let produced = chunk.withUnsafeMutableBufferPointer { target -> Int in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(room)
                    result = inflate(&stream, Z_NO_FLUSH)
                    return room - Int(stream.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { return .tooLarge }
                switch result {
                case Z_STREAM_END:
                    return stream.avail_in == 0 && offset == source.count ? nil : .trailingData
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // No progress was possible: either the next piece of input is due, or
                    // the input ran out before the end of the stream.
                    guard stream.avail_in == 0 else { return .corrupt }
                    if offset == source.count { return .truncated }
                    continue
                case Z_MEM_ERROR:
                    return .zlibFailure
                default:
                    // Z_DATA_ERROR (bad header, data or checksum), Z_NEED_DICT, Z_STREAM_ERROR.
                    return .corrupt
                }
            }
        }
        if let outcome { throw outcome }
        return output
    }
}
