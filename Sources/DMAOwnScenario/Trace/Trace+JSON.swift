import DMAOwnEngine
import Foundation

extension Trace {
    /// The trace as pretty-printed JSON with sorted keys, so saved traces diff cleanly in reviews.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, integers and booleans cannot fail.
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a trace saved by `json()`; `source` names it in errors.
    public static func decode(_ text: String, source: String) throws(TraceError) -> Trace {
        let trace: Trace
        do {
            trace = try JSONDecoder().decode(Trace.self, from: Data(text.utf8))
        } catch let e as DecodingError {
            if case .dataCorrupted(let ctx) = e, ctx.codingPath.isEmpty, let n = JSONNumberScan.firstOutOfRange(text) {
                let field = n.key.map { "'\($0)' " } ?? ""
                throw TraceError(file: source, message: "line \(n.line): the number \(field)\(DisplayText.quote(n.literal)) is out of range")
            }
            throw TraceError(file: source, message: "not a dmaown trace: \(describe(e))")
        } catch {
            throw TraceError(file: source, message: "not a dmaown trace: \(error)")
        }
        try trace.checkRanges(file: source)
        return trace
    }

    /// A decoding error in one line, naming the JSON path (`steps[2].thread`).
    private static func describe(_ e: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let p = keys.map { k in k.intValue.map { "[\($0)]" } ?? ".\(k.stringValue)" }.joined()
            let trimmed = p.hasPrefix(".") ? String(p.dropFirst()) : p
            return trimmed.isEmpty ? "the top level" : "'\(trimmed)'"
        }
        switch e {
        case .keyNotFound(let key, let ctx): return "missing key '\(key.stringValue)' at \(path(ctx.codingPath))"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            return "wrong type at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        case .dataCorrupted(let ctx):
            let underlying = (ctx.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "\(ctx.debugDescription)\(underlying.map { " (\($0))" } ?? "") at \(path(ctx.codingPath))"
        @unknown default: return "\(e)"
        }
    }
}
