import DMAOwnEngine
import Foundation

/// Whole numbers in a trace's JSON, read so that a value Int cannot hold (`1.5`, `2^63`, `-2^63-1`)
/// is an error naming its field and saying why, where JSONDecoder would only say "not valid JSON".
extension KeyedDecodingContainer {
    func decodeWholeNumber(forKey key: Key) throws -> Int {
        let d = try decode(Decimal.self, forKey: key)
        var rounded = Decimal(), copy = d
        NSDecimalRound(&rounded, &copy, 0, .plain)
        guard rounded == d else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(d) is not a whole number")
        }
        guard d >= Decimal(Int.min), d <= Decimal(Int.max) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(d) is out of range")
        }
        return NSDecimalNumber(decimal: d).intValue
    }
}

extension Trace.Entry {
    private enum EntryKeys: String, CodingKey { case thread, fail, op, step, decision }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: EntryKeys.self)
        thread = try c.decodeWholeNumber(forKey: .thread)
        fail = try c.decodeIfPresent(Bool.self, forKey: .fail) ?? false
        op = try c.decodeIfPresent(String.self, forKey: .op)
        step = try c.decodeIfPresent(String.self, forKey: .step)
        decision = try c.decodeIfPresent(String.self, forKey: .decision)
    }
}

extension Trace {
    private enum TraceKeys: String, CodingKey { case version, title, source, scenario, scheme, operations, steps }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: TraceKeys.self)
        version = try c.decodeWholeNumber(forKey: .version)
        title = try c.decode(String.self, forKey: .title)
        source = try c.decode(String.self, forKey: .source)
        scenario = try c.decode(String.self, forKey: .scenario)
        scheme = try c.decode(SchemeID.self, forKey: .scheme)
        operations = try c.decode([String].self, forKey: .operations)
        steps = try c.decode([Entry].self, forKey: .steps)
    }
}

/// Finding the number JSONDecoder rejected outright (one past Double's range, like `1e400`), so
/// the error names its line and field instead of calling the whole file "not valid JSON".
enum JSONNumberScan {
    /// The line, the key before it on that line (if any) and the literal of the first number
    /// outside Double's range.
    static func firstOutOfRange(_ text: String) -> (line: Int, key: String?, literal: String)? {
        var line = 1, inString = false, escaped = false
        var lastKey: String?, current = ""
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if inString {
                if escaped { escaped = false; current.unicodeScalars.append(c) }
                else if c == "\\" { escaped = true }
                else if c == "\"" { inString = false; lastKey = current }
                else { current.unicodeScalars.append(c) }
                i += 1
                continue
            }
            if c == "\n" { line += 1; lastKey = nil }
            if c == "\"" { inString = true; current = ""; i += 1; continue }
            if c == "-" || ("0"..."9").contains(c) {
                var j = i
                while j < scalars.count, "+-.eE0123456789".unicodeScalars.contains(scalars[j]) { j += 1 }
                let literal = String(String.UnicodeScalarView(scalars[i..<j]))
                if let d = Double(literal), !d.isFinite { return (line, lastKey, literal) }
                i = max(j, i + 1)
                continue
            }
            i += 1
        }
        return nil
    }
}
