"""Aurion Call Review core: API client, models, demo server, export and storage (no Qt widgets)."""
