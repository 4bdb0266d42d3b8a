"""Facts of the bundled data that tests check, each once, with where it comes from.

A test that needs one imports it from here; where a fact can be recomputed from the raw
file, a test does so (named beside it), so a new data release changes this file and the
tests say which fact moved.
"""

from __future__ import annotations

# ATOP 5.1 dyad-years as peacesciencer ships them (support.DATA / "atop_alliance.csv.gz",
# 1815–2018): 273,296 rows, each pair and year in both directions
ATOP_ROWS = 273_296
# state pairs with atop_defense = 1 in 2018 and the states in them; recomputed from the
# file by test_ingest.test_atop_2018_defense_network_matches_the_dyad_year_file
ATOP_DEFENSE_TIES_2018 = 1_707
ATOP_DEFENSE_STATES_2018 = 146
# ALLIED_WITH spells ingest/atop.py builds from those rows: consecutive years of a pair
# with the same obligations and the same ATOP alliances behind them (ATOP 5.1's member
# file, ingest/data/atop_5_1); by obligations alone the rows make 7,716 runs
ATOP_SPELLS = 9_425

# COW state system (support.DATA / "cow_states.csv", version 2016): 217 state codes, and ATOP's
# Annam (ATOP code 8152, France–Annam 1874), which COW never lists, as the 218th State
COW_STATES = 217
STATE_NODES = COW_STATES + 1
# states whose COW membership runs to the end of the data (endyear 2016), carried to
# 2018 as system members: the 2018 network's actors
STATES_2018 = 195
