"""The model: articles, fact records and their schema, facts consolidated across articles."""
