"""Places: an Arabic gazetteer, a compiled name index, recognition in context, disambiguation."""
