/// A value kept in an immutable box that copies share.
///
/// For the large, rarely set parts of a config value that is copied into several tables: a
/// check's expectations, freshness rule and TLS settings are about 230 bytes inline, 10,000
/// checks over. Reading costs one pointer more; setting puts a new box in place.
///
/// `Integration` and `HTTPRequest` box all their fields by hand instead: their accessors are read
/// from other modules on hot paths (every status line, every transfer), and a wrapped property's
/// backing storage is private, so an inlined accessor could not reach the box and each read
/// copied the whole value out, a retain per field (measured: a fifth of a status answer).
@propertyWrapper
public struct Shared<Value: Sendable & Equatable>: Sendable, Equatable {
    // Inlinable, so a read of one field through the box (from another module too) copies that
    // field, not the whole value with a retain for each of its references.
    @usableFromInline
    final class Box: Sendable {
        @usableFromInline let value: Value
        @inlinable init(_ value: Value) { self.value = value }
    }

    @usableFromInline var box: Box

    @inlinable
    public init(wrappedValue: Value) {
        box = Box(wrappedValue)
    }

    @inlinable
    public var wrappedValue: Value {
        get { box.value }
        set { box = Box(newValue) }
    }

    @inlinable
    public static func == (lhs: Shared, rhs: Shared) -> Bool {
        lhs.box === rhs.box || lhs.box.value == rhs.box.value
    }
}
