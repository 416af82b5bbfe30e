"""Numbers: digits and number words, qualifiers, and what kind of number each is."""
