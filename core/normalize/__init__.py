"""Normalisation: names, countries, organisations, places, posts, ranks and dates to the
canonical values of the record format. Data lives in ``svodka/data`` and in plugins'
``register_gazetteers`` hooks; this package holds only the code that uses it."""
