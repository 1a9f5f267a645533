import BatonCore
import Crypto

/// Identifies a channel's URL without storing it: a disabled channel is enabled again when its URL changes.
public enum ChannelFingerprint {
    /// The first 16 hex digits of SHA-256 over the URL.
    public static func of(_ channel: Channel) -> String {
        let digest = SHA256.hash(data: Array(channel.url.revealed.utf8))
        return digest.prefix(8).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
