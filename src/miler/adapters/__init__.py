"""Shells around the core that read and write files (activity files, exports, storage)."""
