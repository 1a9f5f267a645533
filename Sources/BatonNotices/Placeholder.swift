enum _PlaceholderNotices {}
