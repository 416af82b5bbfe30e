"""The text layer: normalisation with offset maps, clitic-aware tokens, sentences."""
