/// A strict RFC 8259 JSON parser from response bytes to ``JSONValue``.
///
/// Written for the probe hot path: one pass over the bytes, no Foundation, strings
/// without escapes are copied once. It is strict where leniency would hide a broken
/// endpoint (trailing garbage, invalid UTF-8, lone surrogates, leading zeros, `NaN`)
/// and bounded where hostile input could hurt the daemon (nesting deeper than
/// ``maximumDepth`` is rejected instead of recursing further).
///
/// Choices where RFC 8259 leaves room: a leading UTF-8 byte order mark is skipped;
/// a duplicate object key keeps its last value (as JavaScript's `JSON.parse` does);
/// a number too large for a `Double` (`1e400`) is rejected rather than made infinite.
public enum JSONParser {
    /// Deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 128

    /// Parses one JSON document that spans all of `bytes`.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue {
        var scanner = JSONScanner(bytes, maximumDepth: maximumDepth)
        return try scanner.parseDocument()
    }

    /// Parses one JSON document that spans all of `bytes`.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try parse(buffer) }
        }
        return try result.get()
    }

    /// Parses one JSON document that spans all of `bytes`, copying them only when they are not contiguous.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        if let contiguous { return try contiguous.get() }
        return try parse(Array(bytes))
    }
}
