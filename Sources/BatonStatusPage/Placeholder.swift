enum _PlaceholderStatusPage {}
