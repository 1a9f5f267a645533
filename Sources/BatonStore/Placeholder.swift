enum _PlaceholderBatonStore {}
