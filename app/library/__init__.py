"""The local call library: calls synced from the API into SQLite, searched and read offline."""
