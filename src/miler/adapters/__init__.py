"""Shells that touch the outside world: watch files in, calendars and watch workouts out,
storage. Each wraps its library's errors into miler's error tree."""
