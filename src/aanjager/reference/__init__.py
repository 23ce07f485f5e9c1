"""Reference data that changes by law on known dates (the minimum wage), kept with valid-from dates and sources."""
