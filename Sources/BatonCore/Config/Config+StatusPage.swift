extension Config {
    /// The status page as notices link it: `daemon.public_url` with one trailing slash; `nil` when unset.
    public var statusPageLink: String? {
        guard var base = daemon.publicURL, !base.isEmpty else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/"
    }
}
