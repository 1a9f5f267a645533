import Testing
@Test func noticesPlaceholder() {}
