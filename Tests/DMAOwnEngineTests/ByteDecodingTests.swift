import Testing
@testable import DMAOwnEngine

/// `World.decodeErrno` and `World.decodePhase` are switches written out by hand (the failable
/// `init(rawValue:)` stays a call on the explorer's path). A case added to `Errno` or `Phase`
/// without its line in the switch would read back as `.ok` or `.idle`: every byte must decode as
/// the enum's own initialiser reads it, an unknown byte as the documented default.
@Suite struct ByteDecodingTests {
    @Test func everyErrnoByteDecodesAsItsRawValue() {
        for b in 0...255 {
            let byte = UInt8(b)
            #expect(World.decodeErrno(byte) == (Errno(rawValue: byte) ?? .ok), "errno byte \(b)")
        }
    }

    @Test func everyPhaseByteDecodesAsItsRawValue() {
        for b in 0...255 {
            let byte = UInt8(b)
            // The phase is the low nibble; bit 4 is the VFIO registration.
            #expect(World.decodePhase(byte) == (Phase(rawValue: byte & 0x0F) ?? .idle), "phase byte \(b)")
        }
    }
}
