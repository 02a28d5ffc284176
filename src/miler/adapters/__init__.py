"""Shells that read and write the outside world: files, exports, storage."""
