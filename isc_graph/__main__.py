"""``python -m isc_graph`` runs the command line."""

from .fastpath import main

main()
