"""Reports built from stored review results: cleanup lists, annual figures."""
