"""Reusable widgets that emit intent signals and hold no service logic."""
