"""Events: triggers, arguments (place, date, actors, counts), certainty, merging, evidence."""
