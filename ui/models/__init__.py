"""Qt item models: thin adapters over the app core's plain data."""
