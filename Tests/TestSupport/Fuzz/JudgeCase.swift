import Foundation

/// One probe answer for the judgement fuzzer: the config whose check judges it, and what the
/// endpoint answered. Stored as a fixture in a readable form: `key: value` lines, the config
/// indented under `config:`, then `body:` and the body's bytes as they were.
public struct JudgeCase: Sendable, Equatable {
    public var config: String
    public var status: Int
    /// Header names in lower case, as the HTTP engine captures them.
    public var headers: [(String, String)]
    public var body: [UInt8]
    public var latencyMilliseconds: Int64
    /// Seconds since 1970 when the probe finished.
    public var observedAt: Double
    /// The server certificate's validity, seconds since 1970.
    public var certificate: (notBefore: Double, notAfter: Double)?
    /// A file drop's file.
    public var file: (name: String, size: Int?, modified: Double?)?

    public init(
        config: String, status: Int, headers: [(String, String)] = [], body: [UInt8] = [], latencyMilliseconds: Int64 = 45,
        observedAt: Double = 1_795_428_000, certificate: (notBefore: Double, notAfter: Double)? = nil,
        file: (name: String, size: Int?, modified: Double?)? = nil
    ) {
        self.config = config
        self.status = status
        self.headers = headers
        self.body = body
        self.latencyMilliseconds = latencyMilliseconds
        self.observedAt = observedAt
        self.certificate = certificate
        self.file = file
    }

    public static func == (lhs: JudgeCase, rhs: JudgeCase) -> Bool {
        lhs.encoded() == rhs.encoded()
    }

    private static let bodyMarker = Array("\nbody:\n".utf8)

    /// The fixture's bytes.
    public func encoded() -> [UInt8] {
        var lines = ["baton-judge-case: 1", "status: \(status)", "latency-ms: \(latencyMilliseconds)", "observed-at: \(observedAt)"]
        for (name, value) in headers { lines.append("header: \(name): \(value)") }
        if let certificate { lines.append("certificate: \(certificate.notBefore) \(certificate.notAfter)") }
        if let file {
            lines.append("file-size: \(file.size.map(String.init) ?? "-")")
            lines.append("file-modified: \(file.modified.map { String($0) } ?? "-")")
            lines.append("file-name: \(file.name)")
        }
        lines.append("config:")
        lines += config.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        return Array(lines.joined(separator: "\n").utf8) + Self.bodyMarker + body
    }

    /// Reads a fixture; `nil` when it is not one.
    public static func decode(_ bytes: [UInt8]) -> JudgeCase? {
        guard let marker = bytes.indices.first(where: { bytes[$0...].starts(with: bodyMarker) }) else { return nil }
        let head = String(decoding: bytes[..<marker], as: UTF8.self)
        let body = Array(bytes[(marker + bodyMarker.count)...])
        var result = JudgeCase(config: "", status: 0, body: body)
        var configLines: [String] = []
        var inConfig = false
        var fileName: String?
        var fileSize: Int?
        var fileModified: Double?
        for line in head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if inConfig {
                configLines.append(String(line.dropFirst(2)))
                continue
            }
            guard let colon = line.range(of: ": ") ?? (line.hasSuffix(":") ? line.range(of: ":", options: .backwards) : nil) else { continue }
            let key = String(line[..<colon.lowerBound])
            let value = String(line[colon.upperBound...])
            switch key {
            case "status": result.status = Int(value) ?? 0
            case "latency-ms": result.latencyMilliseconds = Int64(value) ?? 0
            case "observed-at": result.observedAt = Double(value) ?? 0
            case "header":
                guard let split = value.range(of: ": ") else { break }
                result.headers.append((String(value[..<split.lowerBound]), String(value[split.upperBound...])))
            case "certificate":
                let parts = value.split(separator: " ").compactMap { Double($0) }
                if parts.count == 2 { result.certificate = (parts[0], parts[1]) }
            case "file-size": fileSize = Int(value)
            case "file-modified": fileModified = Double(value)
            case "file-name": fileName = value
            case "config": inConfig = true
            default: break
            }
        }
        if let fileName { result.file = (fileName, fileSize, fileModified) }
        result.config = configLines.joined(separator: "\n")
        return result
    }
}
