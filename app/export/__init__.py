"""Offline transcript export: one module per format, plus bulk export with a manifest."""
