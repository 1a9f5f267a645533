import BatonCore

/// The mood of a notice, read at a glance from its colour and leading emoji.
enum Tone: Sendable, Equatable {
    case down, stale, degraded, blocked, unknown
    case recovered, acknowledged, silenced, info

    /// An incident notice takes the tone of the state; the others, of what happened.
    init(kind: Notice.Kind, state: String) {
        switch kind {
        case .resolved: self = .recovered
        case .acknowledged: self = .acknowledged
        case .silenced, .unsilenced: self = .silenced
        case .test, .digest: self = .info
        case .opened, .escalated, .repeated, .reopened:
            switch IntegrationState(rawValue: state) {
            case .down: self = .down
            case .stale: self = .stale
            case .degraded: self = .degraded
            case .blocked: self = .blocked
            case .healthy: self = .recovered
            case .unknown, nil: self = .unknown
            }
        }
    }

    /// 24-bit RGB: red, orange, yellow, purple, grey, green, blue, grey, indigo.
    var rgb: Int {
        switch self {
        case .down: 0xE01E5A
        case .stale: 0xF2711C
        case .degraded: 0xECB22E
        case .blocked: 0x9B59B6
        case .unknown: 0x8D8D8D
        case .recovered: 0x2EB67D
        case .acknowledged: 0x1D9BD1
        case .silenced: 0x8D8D8D
        case .info: 0x5865F2
        }
    }

    /// `#E01E5A`.
    var hex: String {
        let digits = String(rgb, radix: 16, uppercase: true)
        return "#" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
