"""Demo server package: a synthetic Aurion tenant served over real HTTP on loopback."""
