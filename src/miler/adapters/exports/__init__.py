"""Files miler writes for the runner: pace bands, calendars, watch workouts, documents."""
