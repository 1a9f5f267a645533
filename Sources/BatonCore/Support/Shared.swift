/// A value kept in an immutable box that copies share.
///
/// For the large, rarely set parts of a config value that is copied into several tables: a
/// check's expectations, freshness rule and TLS settings are about 230 bytes inline, 10,000
/// checks over. Reading costs one pointer more; setting puts a new box in place.
@propertyWrapper
public struct Shared<Value: Sendable & Equatable>: Sendable, Equatable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    public init(wrappedValue: Value) {
        box = Box(wrappedValue)
    }

    public var wrappedValue: Value {
        get { box.value }
        set { box = Box(newValue) }
    }

    public static func == (lhs: Shared, rhs: Shared) -> Bool {
        lhs.box === rhs.box || lhs.box.value == rhs.box.value
    }
}
