enum _PlaceholderBatonSim {}
