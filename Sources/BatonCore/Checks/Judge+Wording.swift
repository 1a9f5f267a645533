extension Judge {
    /// A value as JSON text (`"ok"`, `12000`), cut to fit a status line with `…`.
    static func shown(_ value: JSONValue) -> String {
        ReasonText.truncated(value.description)
    }
}
