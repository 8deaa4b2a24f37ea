"""Benchmarks (`make bench`) and fault drills (`make drill`): measured on this machine, as ratios."""
