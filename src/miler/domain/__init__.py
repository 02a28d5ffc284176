"""The pure core: standard library and numpy only; no I/O, no clock, no randomness."""
