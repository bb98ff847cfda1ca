"""Benchmarks against the demo server over loopback HTTP: ``python -m tests.benchmarks``."""
