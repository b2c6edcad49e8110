"""The closed set of check types; one module each."""

from . import frame, pattern, python

CHECKS = {"pattern": pattern.compile_rule, "python": python.compile_rule, "frame": frame.compile_rule}
