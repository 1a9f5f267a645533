enum _PlaceholderBatonHTTP {}
