"""``orbitcompute catalog [KIND]``: list reference data with its sources."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "catalog",
        help="list the reference catalogs, or the entries of one with their sources",
        description="Without KIND: a summary of every catalog. With KIND: its entries, "
        "their key numbers, confidence and source titles.",
    )
    p.add_argument("kind", nargs="?", help="catalog name, e.g. accelerators")
    return p


def summary_text() -> str:
    """One line per catalog: entries, confidence mix and number of sources."""
    from orbitcompute import catalog
    from orbitcompute.cli._format import table

    rows = []
    for kind in catalog.kinds():
        df = catalog.load(kind)
        ids = {s.strip() for v in df["source_id"].astype(str) for s in v.split(";")}
        conf = df["confidence"].value_counts()
        mix = ", ".join(
            f"{conf.get(c, 0)} {c}" for c in catalog.CONFIDENCE_LEVELS if conf.get(c, 0)
        )
        rows.append([kind, len(df), len(ids), mix])
    n_src = len(catalog.sources())
    head = f"orbitcompute reference catalog: {len(rows)} catalogs, {n_src} sources\n"
    return head + table(["catalog", "entries", "sources", "confidence"], rows)


def kind_text(kind: str) -> str:
    """Entries of one catalog with their key numbers and source titles."""
    from orbitcompute import catalog
    from orbitcompute.cli._format import table

    df = catalog.load(kind)
    sch = catalog.schema()
    req = sch[(sch["kind"] == kind) & (sch["required"] == "yes")]["column"].tolist()
    mine = sch[sch["kind"] == kind]
    units = dict(zip(mine["column"], mine["unit"], strict=True))
    key_cols = [c for c in req if c in df.columns and c not in ("name", "source_id", "confidence")]
    key_cols = key_cols[:5]
    src = catalog.sources()
    rows = []
    for name, row in df.iterrows():
        titles = "; ".join(
            str(src.loc[s.strip(), "title"]) if s.strip() in src.index else f"?{s}"
            for s in str(row["source_id"]).split(";")
        )
        vals = [row[c] for c in key_cols]
        vals = [None if (isinstance(v, float) and v != v) else v for v in vals]
        rows.append([name, *vals, row["confidence"], titles])
    headers = [
        "name",
        *[f"{c} [{units.get(c, '')}]" if units.get(c) not in (None, "-") else c for c in key_cols],
        "confidence",
        "sources",
    ]
    return f"{kind}: {len(df)} entries\n" + table(headers, rows, max_width=70)


def run(args: argparse.Namespace) -> int:
    print(kind_text(args.kind) if args.kind else summary_text())
    return 0
