"""Use cases: gather (files, database) -> decide (the pure core) -> apply. Shells call these."""
