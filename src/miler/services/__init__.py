"""Use cases: gather (files, database) -> decide (the pure core) -> apply (write, commit).

The CLI and the web app call these; they are the only places that write."""
