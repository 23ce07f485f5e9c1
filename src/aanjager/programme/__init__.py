"""Regional programme (issue 7, seed 004 Rivierenland): programme → spearheads → measure packages → measures,
with phases, and per measure each municipality's opt-in or opt-out, pace and progress."""
