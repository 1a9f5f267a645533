enum _PlaceholderBatonDaemon {}
