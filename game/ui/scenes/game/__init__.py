"""The game's screens: the board, and the overlays shown above it."""
