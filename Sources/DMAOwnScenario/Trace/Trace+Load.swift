extension Trace {
    /// Larger than any trace a person saves (a million steps is about 60 MB of JSON).
    public static let maxFileSize = 64 << 20

    /// The one way a trace file is read (`replay`, `export`, the TUI's `o`): a regular file of
    /// UTF-8 text without NUL bytes, decoded and range-checked.
    public static func load(path: String) throws(TraceError) -> Trace {
        let bytes: [UInt8]
        switch FileRead.bytes(path, limit: maxFileSize) {
        case .success(let b): bytes = b
        case .failure(let e): throw TraceError(file: path, message: "cannot read trace file: \(e.reason)")
        }
        switch InputText.decode(bytes) {
        case .success(let text): return try decode(text, source: path)
        case .failure(let p): throw TraceError(file: path, message: "line \(p.line): \(p.description)")
        }
    }

    /// Every number in the trace against the model's real limits, so replay never does arithmetic
    /// on a value it cannot hold (a thread of -2^63, a 256th thread in a byte-sized holder).
    func checkRanges(file: String) throws(TraceError) {
        guard version == 1 else {
            throw TraceError(file: file, message: "trace format version \(version) is not supported (this dmaown reads version 1)")
        }
        let limit = ScenarioSchema.maxThreads
        guard operations.count <= limit else {
            throw TraceError(file: file, message: "operations: \(operations.count) operations; the model holds at most \(limit) threads")
        }
        for (i, step) in steps.enumerated() where !(1...max(1, operations.count)).contains(step.thread) || operations.isEmpty {
            throw TraceError(file: file, entry: i, message: "thread \(step.thread) does not exist (the trace has threads 1 to \(operations.count))")
        }
    }
}
