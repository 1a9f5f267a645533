import Testing
@Test func statusPagePlaceholder() {}
