"""Fingerprints of the source documents, to check in any clone that every quote is verbatim.

The source documents (``../shared/seeds``) are not redistributed with the repository, so
without them ``tests/test_provenance.py`` cannot check the quotes. This script, run where the
documents are, writes for each document ``tests/fixtures/seed-shingles/doc-NNN.txt``: the
hashes of every window of ``K`` tokens of its text (shingles), and the hashes of the data's
quotes from it that are shorter than a window. ``tests/test_quote_shingles.py`` then checks,
with no document at hand, that every quote is made of the document's windows::

    .venv/bin/python scripts/seed_shingles.py            # documents in ../shared/seeds
    .venv/bin/python scripts/seed_shingles.py --seeds DIR

Run it again when a document is added or a quote shorter than a window is added or changed.

The choices, and why:

- Normalisation is ``tests/test_provenance.py``'s (runs of whitespace become one space, ends
  stripped; no case folding, no Unicode normalisation), so both checks accept the same
  quotes. The normalised text is then cut into tokens: a word (``\\w+``), one punctuation
  character, or the single space between them. Keeping the spaces as tokens makes a window
  match exactly the substring it covers, so "ITU-D" and "ITU -D" differ as they do for a
  substring test; cutting punctuation off words lets a quote end before a comma or start
  after a parenthesis that the document has. A quote must start and end at a token boundary
  (the script lists any that does not: none today).
- ``K`` = 15 tokens, about eight words: long enough that a window is specific to its place
  in the text (a hash in the set says the words occur in that order), short enough that
  only the quotes of fewer than eight words need a hash of their own.
- A quote is verbatim when every window of it is in its document's set; a quote shorter
  than ``K`` tokens is verbatim when its own hash is there. A one-word change alters at
  least one window (or the short quote's hash), so it fails; the test changes a word in each
  quote to show it.
- Hashes are SHA-256 of the window's UTF-8, cut to 16 hex digits (64 bits): with some
  18,000 windows in all, a changed window matches another by chance with probability under
  10^-14. The files are sorted and deduplicated, so they hold no order of the windows.
- No hashes of windows shorter than ``K`` are stored for the documents: a hash of one or two
  words is undone with a dictionary, and a set of all of them would let the text be rebuilt
  word by word. Short quotes are hashed instead: their text is in ``data/`` already. The
  files do not make the text secret (someone holding a window can guess the next token and
  test it against the set); they keep it out of the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
OUT = REPO / "tests" / "fixtures" / "seed-shingles"
K = 15
DIGITS = 16
_TOKEN = re.compile(r"\w+|[^\w\s]| ")
QUOTES = """
    PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX isc: <https://w3id.org/isc-graph/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT DISTINCT ?doc ?quote WHERE { ?d prov:entity ?x ; isc:quote ?quote .
                                        ?x isc:seedFile ?file ; skos:notation ?doc }
"""
FILES = """
    PREFIX isc: <https://w3id.org/isc-graph/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?doc ?file WHERE { ?x isc:seedFile ?file ; skos:notation ?doc }
"""


def normalise(text: str) -> str:
    """``tests/test_provenance.py``'s normalisation: whitespace runs to one space, stripped."""
    return re.sub(r"\s+", " ", text).strip()


def tokens(text: str) -> list[str]:
    """The tokens of the normalised text: words, punctuation characters and single spaces."""
    return _TOKEN.findall(normalise(text))


def digest(parts: Iterable[str]) -> str:
    return hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()[:DIGITS]


def windows(toks: list[str], k: int = K) -> Iterator[str]:
    """The hash of every window of ``k`` tokens."""
    for i in range(len(toks) - k + 1):
        yield digest(toks[i : i + k])


def is_verbatim(quote: str, shingles: set[str]) -> bool:
    """Whether ``quote`` is in the document whose fingerprints are ``shingles``."""
    toks = tokens(quote)
    if not toks:
        return False
    if len(toks) < K:
        return "s " + digest(toks) in shingles
    return all("w " + h in shingles for h in windows(toks))


def load(path: Path) -> set[str]:
    """The fingerprints of one document file (``w HASH`` windows, ``s HASH`` short quotes)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def _data_quotes(data: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    """The seed file of each document, and the quotes from each, read from ``data/*.ttl``."""
    import pyoxigraph as ox

    store = ox.Store()
    for ttl in sorted(data.glob("*.ttl")):
        store.load(path=str(ttl), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ttl.as_uri()))
    union = {"use_default_graph_as_union": True}
    files = {r["doc"].value: r["file"].value for r in store.query(FILES, **union)}
    quotes: dict[str, set[str]] = {doc: set() for doc in files}
    for r in store.query(QUOTES, **union):
        quotes[r["doc"].value].add(r["quote"].value)
    return files, quotes


def generate(seeds: Path, data: Path, out: Path) -> list[str]:
    """Write the fingerprint files; return the quotes that could not be confirmed."""
    files, quotes = _data_quotes(data)
    out.mkdir(parents=True, exist_ok=True)
    problems = []
    for doc, name in sorted(files.items()):
        text_tokens = tokens((seeds / name).read_text(encoding="utf-8"))
        joined = "".join(text_tokens)
        shingles = {"w " + h for h in windows(text_tokens)}
        for quote in sorted(quotes[doc]):
            toks = tokens(quote)
            # Token-aligned occurrence: the quote's tokens as a run of the document's.
            found = any(
                text_tokens[i : i + len(toks)] == toks
                for i in _starts(joined, text_tokens, "".join(toks))
            )
            if not found:
                problems.append(f"{doc}: not verbatim (or not at token boundaries): {quote!r}")
            elif len(toks) < K:
                shingles.add("s " + digest(toks))
        header = [
            f"# {doc} ({name}): fingerprints of the document, written by scripts/seed_shingles.py",
            f"# K={K} tokens, SHA-256 cut to {DIGITS} hex digits; w = window, s = short quote",
        ]
        (out / f"{doc}.txt").write_text("\n".join([*header, *sorted(shingles)]) + "\n")
    return problems


def _starts(joined: str, toks: list[str], needle: str) -> Iterator[int]:
    """The token indices at which ``needle`` starts in the text (``joined`` is the text)."""
    offsets, at = {}, 0
    for i, t in enumerate(toks):
        offsets[at] = i
        at += len(t)
    pos = joined.find(needle)
    while pos != -1:
        if pos in offsets:
            yield offsets[pos]
        pos = joined.find(needle, pos + 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of the documents")
    parser.add_argument("--data", type=Path, default=REPO / "data")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.seeds.is_dir():
        print(f"{args.seeds}: no such folder (give --seeds DIR)", file=sys.stderr)
        return 2
    problems = generate(args.seeds, args.data, args.out)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"Wrote {args.out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
