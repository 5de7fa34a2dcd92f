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
    p.add_argument(
        "kind",
        nargs="?",
        help="catalog name, e.g. accelerators; or 'sources' (the bibliography) or "
        "'schema' (every column with its unit)",
    )
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
    tail = (
        "\n\n'orbitcompute catalog KIND' lists one catalog; 'sources' lists the bibliography, "
        "'schema' every column with its unit."
    )
    return head + table(["catalog", "entries", "sources", "confidence"], rows) + tail


def sources_text() -> str:
    """The bibliography: one line per source, with how many catalog rows cite it.

    Sources with no catalog row are cited by scenario files or by the equations in the
    package's docstrings.
    """
    from orbitcompute import catalog
    from orbitcompute.cli._format import table

    cited: dict[str, int] = {}
    for kind in catalog.kinds():
        for v in catalog.load(kind)["source_id"].astype(str):
            for s in {x.strip() for x in v.split(";")}:
                cited[s] = cited.get(s, 0) + 1
    src = catalog.sources()
    rows = [
        [r["source_id"], cited.get(r["source_id"], 0), r["year"], r["title"], r["url"]]
        for _, r in src.iterrows()
    ]
    head = (
        f"sources: {len(rows)} entries (data/sources.csv); those in no catalog row are cited "
        "by scenario files or by equations in the docstrings\n"
    )
    return head + table(["source_id", "catalog rows", "year", "title", "url"], rows, max_width=60)


def schema_text() -> str:
    """Every catalog column with its unit and whether it is required."""
    from orbitcompute import catalog
    from orbitcompute.cli._format import table

    sch = catalog.schema()
    rows = [
        [r["kind"], r["column"], r["unit"], r["required"], r["description"]]
        for _, r in sch.iterrows()
    ]
    head = f"schema: {len(rows)} columns (data/schema.csv; kind '*' applies to every catalog)\n"
    return head + table(["kind", "column", "unit", "required", "description"], rows, max_width=70)


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
    special = {"sources": sources_text, "schema": schema_text}
    if args.kind is not None and not args.kind.strip():
        from orbitcompute import catalog
        from orbitcompute.errors import InputError

        raise InputError(
            f"kind={args.kind!r}: must be a catalog name ({', '.join(catalog.kinds())}), "
            "sources or schema; or nothing for the summary"
        )
    if args.kind is None:
        print(summary_text())
    elif args.kind in special:
        print(special[args.kind]())
    else:
        print(kind_text(args.kind))
    return 0
