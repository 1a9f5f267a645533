/// A value read from a config file, with the place it was written, for errors found later
/// (a reference to an undefined team is only known to be wrong once every file is read).
struct Located<Value> {
    var value: Value
    var location: SourceLocation

    init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
