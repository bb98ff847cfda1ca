"""Qt user interface: windows, widgets and Qt models over the app core."""
