"""What changed: clauses across revisions, thematic areas across lists, the graph across versions.

Each comparison gives a :class:`~isc_graph.diff.model.DiffReport`, which one set of renderers
writes as text, Markdown, HTML, JSON or CSV.
"""
