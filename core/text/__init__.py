"""The text layer: tokens, morphology, sentences and shared grammar, parsed once per article."""
