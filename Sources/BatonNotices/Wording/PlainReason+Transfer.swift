import BatonCore

extension PlainReason {
    /// `no answer within 5 s`, `connection refused by 127.0.0.1:9480`; the rest as `baton status` says it.
    static func words(_ failure: TransferFailure) -> String {
        switch failure {
        case .connect(.refused, let target): "connection refused by \(target)"
        case .timeout(let ms): "no answer within \(Duration.milliseconds(ms).words)"
        default: failure.compact
        }
    }
}
