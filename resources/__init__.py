"""Data shipped with the app: recordings, OpenAPI document, icons, scorecard templates."""
