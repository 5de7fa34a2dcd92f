"""``orbitcompute catalog [KIND]``: list reference data with its sources."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "catalog",
        help="list the reference catalogs, or the entries of one with their sources",
        description="Without KIND: a summary of every catalog. With KIND: one block per "
        "entry with every number as written in data/KIND.csv (bounds as 'value (low to "
        "high)'), its confidence and its source titles. 'sources' lists the bibliography "
        "with authors.",
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
        [
            r["source_id"],
            cited.get(r["source_id"], 0),
            r["year"],
            None if _empty(r.get("authors")) else r["authors"],
            r["title"],
            None if _empty(r["url"]) else r["url"],
        ]
        for _, r in src.iterrows()
    ]
    head = (
        f"sources: {len(rows)} entries (data/sources.csv); those in no catalog row are cited "
        "by scenario files or by equations in the docstrings\n"
    )
    return head + table(
        ["source_id", "catalog rows", "year", "authors", "title", "url"], rows, max_width=60
    )


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


def _empty(v: object) -> bool:
    return v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v)


def kind_text(kind: str) -> str:
    """Entries of one catalog, one block each: every column but the note, with its
    unit; numbers as written in the file (not rounded), with their bounds as
    ``value (low to high)``; the confidence and the title of every source."""
    from orbitcompute import catalog

    entries = catalog.names(kind)  # checks kind and the file (see catalog._check_file)
    header, raw, _ = catalog._cells(kind)
    sch = catalog._schema_columns()
    units = {c: (sch.get((kind, c)) or sch.get(("*", c)) or ("-", False))[0] for c in header}
    bounds = {f"{c}_{b}" for c in header for b in ("low", "high")} & set(header)
    per_row_unit = "unit" in header  # value, value_low, value_high are in the row's unit
    skip = {"name", "source_id", "confidence", "note", "unit" if per_row_unit else ""}
    shown = [c for c in header if c not in skip and c not in bounds]
    labels = {
        c: c if units[c] in ("-", "") or "see unit" in units[c] else f"{c} [{units[c]}]"
        for c in shown
    }
    width = max([len(x) for x in labels.values()] + [len("sources")]) + 2
    blocks = []
    for name, cells in zip(entries, raw, strict=True):
        row = dict(zip(header, cells, strict=False))
        rec = catalog.get(kind, name)
        lines = [f"{name}  ({rec.confidence})"]
        for c in shown:
            v, lo, hi = row.get(c, ""), row.get(f"{c}_low", ""), row.get(f"{c}_high", "")
            if not (v or lo or hi):
                continue
            text = v or "(empty)"
            if lo and hi:
                text += f" ({lo} to {hi})"
            elif lo or hi:
                text += f" (low {lo})" if lo else f" (high {hi})"
            if per_row_unit and "see unit" in units[c] and row.get("unit"):
                text += f" {row['unit']}"
            lines.append(f"  {labels[c]:<{width}}{text}")
        for i, (sid, src) in enumerate(zip(rec.source_ids, rec.sources, strict=True)):
            lines.append(f"  {'sources' if i == 0 else '':<{width}}{src['title']} [{sid}]")
        blocks.append("\n".join(lines))
    head = (
        f"{kind}: {len(entries)} entries (data/{kind}.csv); numbers as written in the file, "
        "bounds as value (low to high)"
        f"{'; the notes are in the file' if 'note' in header else ''}\n\n"
    )
    return head + "\n\n".join(blocks)


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
