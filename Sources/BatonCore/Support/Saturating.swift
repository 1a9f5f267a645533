/// Conversions and arithmetic that stop at the edge of their type instead of trapping.
///
/// A value read from a config file, an HTTP header, a JSON body or the database can be
/// anything its type holds (`Retry-After: 1e300`, an interval of a million days). Swift
/// traps on overflow and on converting a floating-point number out of range, which kills
/// the daemon; wherever such a value meets arithmetic, these keep it at the nearest value
/// that fits. `NaN` reads as nought.
extension Int64 {
    /// The nearest `Int64` to `value`, rounded toward zero; `NaN` is `0`.
    public init(saturating value: Double) {
        // Double(Int64.max) rounds up to 2^63, which is already out of range.
        if value.isNaN {
            self = 0
        } else if value >= 9_223_372_036_854_775_808.0 {
            self = .max
        } else if value < -9_223_372_036_854_775_808.0 {
            self = .min
        } else {
            self.init(value)
        }
    }
}

extension Int {
    /// The nearest `Int` to `value`, rounded toward zero; `NaN` is `0`.
    public init(saturating value: Double) {
        self.init(Int64(saturating: value))
    }
}

extension UInt64 {
    /// The nearest `UInt64` to `value`, rounded toward zero; `NaN` and negatives are `0`.
    public init(saturating value: Double) {
        if value.isNaN || value <= 0 {
            self = 0
        } else if value >= 18_446_744_073_709_551_616.0 {
            self = .max
        } else {
            self.init(value)
        }
    }
}

extension FixedWidthInteger {
    /// `self + other`, or the type's bound it would pass.
    public func addingSaturated(_ other: Self) -> Self {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        // Only a negative addend can overflow downward.
        return other < 0 ? .min : .max
    }

    /// `self - other`, or the type's bound it would pass.
    public func subtractingSaturated(_ other: Self) -> Self {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other < 0 ? .max : .min
    }

    /// `self × other`, or the type's bound it would pass.
    public func multipliedSaturated(by other: Self) -> Self {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }
}
