"""The closed set of check types; one module each."""
from . import pattern, python

CHECKS = {"pattern": pattern.compile_rule, "python": python.compile_rule}
