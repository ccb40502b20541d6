import CertDeskCredentials
import Foundation
import Testing

struct GzipTests {
    static func randomBytes(_ count: Int, seed: UInt64) -> Data {
        var generator = SplitMix64(seed: seed)
        return Data((0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
    }

    @Test(arguments: [0, 1, 6, 1000, 70_000, 300_000])
    func roundTripsRandomBytes(count: Int) throws {
        // Given random bytes (incompressible) of several sizes, some beyond one output chunk
        let data = Self.randomBytes(count, seed: UInt64(count))
        // When compressed and decompressed
        let packed = Gzip.compress(data)
        // Then a gzip member comes out (magic 1F 8B, method 8) and expands back unchanged
        #expect(Array(packed.prefix(3)) == [0x1F, 0x8B, 0x08])
        #expect(try Gzip.decompress(packed) == data)
    }

    @Test func compressesZerosWellAndDeterministically() throws {
        // Given a 16 KiB status list of zeros
        let zeros = Data(count: 16_384)
        // When compressed twice
        let first = Gzip.compress(zeros)
        let second = Gzip.compress(zeros)
        // Then the output is small, identical both times, and expands back
        #expect(first.count < 100)
        #expect(first == second)
        #expect(try Gzip.decompress(first) == zeros)
    }

    @Test func readsStreamsFromOtherImplementations() throws {
        // Given "hello\n" compressed by Python's gzip (mtime 0) and by zlib.compress
        let gzip = try #require(Data(hex: "1f8b0800000000000203cb48cdc9c9e7020020303a3606000000"))
        let zlib = try #require(Data(hex: "78dacb48cdc9c9e70200084b021f"))
        // When decompressed
        // Then both give the text (windowBits 15 + 32 detects either header)
        #expect(try Gzip.decompress(gzip) == Data("hello\n".utf8))
        #expect(try Gzip.decompress(zlib) == Data("hello\n".utf8))
    }

    @Test func refusesCorruptInput() throws {
        // Given a valid stream and damaged copies of it
        let packed = Gzip.compress(Data("客服中心認證 certification".utf8))
        var badChecksum = packed
        badChecksum[packed.count - 6] ^= 0xFF  // inside the CRC-32 of the trailer
        var badHeader = packed
        badHeader[0] = 0x00
        // When they are decompressed
        // Then each is refused with the matching error
        #expect(throws: GzipError.corrupt) { try Gzip.decompress(badChecksum) }
        #expect(throws: GzipError.corrupt) { try Gzip.decompress(badHeader) }
        #expect(throws: GzipError.corrupt) { try Gzip.decompress(Data("not gzip at all".utf8)) }
        #expect(throws: GzipError.truncated) { try Gzip.decompress(Data()) }
        #expect(throws: GzipError.truncated) { try Gzip.decompress(packed.prefix(packed.count - 1)) }
        #expect(throws: GzipError.truncated) { try Gzip.decompress(packed.prefix(2)) }
        #expect(throws: GzipError.trailingData) { try Gzip.decompress(packed + Data([0])) }
        #expect(throws: GzipError.trailingData) { try Gzip.decompress(packed + packed) }
    }

    @Test func boundsTheOutput() throws {
        // Given 16 MiB of zeros and one byte more, each a few kilobytes compressed
        let limit = Gzip.defaultLimit
        let exact = Gzip.compress(Data(count: limit))
        let over = Gzip.compress(Data(count: limit + 1))
        #expect(over.count < 40_000)
        // When decompressed with the default limit
        // Then exactly 16 MiB is accepted and one byte more is refused
        #expect(try Gzip.decompress(exact).count == limit)
        #expect(throws: GzipError.tooLarge) { try Gzip.decompress(over) }
        // And a smaller limit is honoured to the byte
        let thousand = Gzip.compress(Data(count: 1000))
        #expect(try Gzip.decompress(thousand, limit: 1000).count == 1000)
        #expect(throws: GzipError.tooLarge) { try Gzip.decompress(thousand, limit: 999) }
        #expect(throws: GzipError.tooLarge) { try Gzip.decompress(thousand, limit: 0) }
        #expect(try Gzip.decompress(Gzip.compress(Data()), limit: 0) == Data())
    }

    @Test func survivesRandomDamage() {
        // Given a valid stream of mixed content
        let packed = Gzip.compress(Data(count: 5000) + Self.randomBytes(3000, seed: 9) + Data("證書".utf8))
        var generator = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            // When random bytes are changed, cut or added
            var damaged = packed
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                let position = Int(generator.next() % UInt64(damaged.count))
                switch generator.next() % 3 {
                case 0: damaged[position] = UInt8(truncatingIfNeeded: generator.next())
                case 1: damaged = damaged.prefix(position)
                default: damaged.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
                }
                if damaged.isEmpty { break }
            }
            // Then decompression throws or returns, and never traps
            _ = try? Gzip.decompress(damaged, limit: 100_000)
        }
    }
}
