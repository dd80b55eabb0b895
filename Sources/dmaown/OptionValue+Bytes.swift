/// `--max-memory BYTES`: a number of bytes, or with a K, M or G suffix (powers of 1024).
extension OptionValue {
    static func bytes(_ text: String?, _ name: String) throws(InputError) -> Int? {
        guard let text else { return nil }
        var digits = Substring(text)
        var unit = 1
        if let last = digits.last, let shift = ["K": 10, "M": 20, "G": 30][last.uppercased()] {
            unit = 1 << shift
            digits = digits.dropLast()
        }
        guard let n = Int(digits), n > 0, n <= Int.max / unit else {
            throw InputError(description: "--\(name) takes a number of bytes (optionally with K, M or G), not '\(text)'")
        }
        return n * unit
    }
}
