enum _PlaceholderBatonAPI {}
