import BatonSim
import Synchronization

/// RSA key pairs made once per test run: generating 2048-bit keys costs CPU time that a
/// busy 2-core machine should spend answering the tests' requests instead.
enum TestKeys {
    private static let made = Mutex<[String: ServiceAccountKeyPair]>([:])

    /// The pair called `name`, made on first use.
    static func pair(_ name: String, clientEmail: String = ServiceAccountKeyPair.defaultClientEmail) throws -> ServiceAccountKeyPair {
        try made.withLock { made in
            if let pair = made[name] { return pair }
            let pair = try ServiceAccountKeyPair.generate(clientEmail: clientEmail)
            made[name] = pair
            return pair
        }
    }
}
