"""The app's routes, one module per noun; each page has a JSON twin under ``/api``."""
