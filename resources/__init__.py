"""Data shipped with the app (recordings, OpenAPI document, icons), read via importlib.resources."""
