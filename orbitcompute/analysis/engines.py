"""Execution engines: run chunk tasks locally (numpy) or on dask.distributed.

Work is split into chunks whose boundaries and seeds depend only on the number
of samples, the chunk size and the seed, never on the engine, so
``engine="local"`` and ``engine="dask"`` give identical numbers. Each chunk is
one vectorized model call; the engines only decide where chunks run.

References
----------
.. [1] Rocklin, M., "Dask: Parallel Computation with Blocked algorithms and Task
   Scheduling", Proceedings of the 14th Python in Science Conference, 2015.
"""

from __future__ import annotations

import itertools
import math
import numbers
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from orbitcompute._validate import check_choice, short_repr
from orbitcompute.errors import InputError

__all__ = [
    "ENGINES",
    "MAX_CHUNKS",
    "check_engine",
    "chunk_bounds",
    "map_chunks",
    "progress_enabled",
]

#: Engines accepted by every analysis function.
ENGINES = ("local", "dask")


#: Most chunks a run is split into. Each chunk has its own seed (spawned from the run's
#: SeedSequence), task and model call: 100,000 chunks already cost about 1 s to spawn
#: their seeds and 1 s to build their generators before any work, and a million about
#: ten times that and hundreds of MB; a run that needs more chunks wants a larger
#: ``chunk_size`` (the default 25,000 allows 2.5e9 samples).
MAX_CHUNKS = 100_000


def chunk_bounds(n: int, chunk_size: int | None) -> list[tuple[int, int]]:
    """Split ``range(n)`` into nearly equal chunks of at most ``chunk_size``.

    ``ceil(n / chunk_size)`` chunks whose sizes differ by at most one (so the
    last chunk is never a sliver).

    Parameters
    ----------
    n : int
        Number of samples (>= 1).
    chunk_size : int or None
        A whole number >= 1 (an integral float such as ``100.0`` is accepted), or
        ``None`` for one chunk of all ``n``.

    Raises
    ------
    InputError
        ``n`` not a whole number >= 1 (an int or numpy integer); ``chunk_size`` not
        None nor a whole number >= 1 (a string, NaN, inf, a
        boolean, 2.5, 0), or so small that ``n`` would need more than
        :data:`MAX_CHUNKS` chunks.

    Examples
    --------
    >>> chunk_bounds(10, 4)
    [(0, 4), (4, 7), (7, 10)]
    """
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)) or n < 1:
        raise InputError(f"n={short_repr(n)}: must be a whole number >= 1")
    n = int(n)
    if chunk_size is None:
        return [(0, n)]
    ok = isinstance(chunk_size, numbers.Real) and not isinstance(chunk_size, (bool, np.bool_))
    if not ok or not math.isfinite(chunk_size) or chunk_size != math.floor(chunk_size):
        raise InputError(f"chunk_size={chunk_size!r}: must be a whole number >= 1, or None")
    if chunk_size < 1:
        raise InputError(f"chunk_size={chunk_size!r}: must be a whole number >= 1, or None")
    size = int(chunk_size)
    if size >= n:
        return [(0, n)]
    k = -(-n // size)
    if k > MAX_CHUNKS:
        raise InputError(
            f"chunk_size={chunk_size!r}: {n:,} samples in chunks of {size:,} would be "
            f"{k:,} chunks, more than {MAX_CHUNKS:,} (each chunk has its own seed and model "
            f"call: spawning and calling that many would take longer than the work); use "
            f"chunk_size >= {-(-n // MAX_CHUNKS):,}"
        )
    sizes = [n // k + (i < n % k) for i in range(k)]
    edges = [0, *itertools.accumulate(sizes)]
    return list(itertools.pairwise(edges))


def check_engine(engine: Any, scheduler: Any = None, cluster_options: Any = None) -> str:
    """Check ``engine`` and the dask-only options before a run.

    Raises
    ------
    InputError
        An unknown engine; a ``scheduler`` or (non-empty) ``cluster_options`` with
        ``engine="local"``, where they would be ignored; ``cluster_options`` that
        is not a mapping.
    """
    check_choice("engine", engine, ENGINES)
    if cluster_options is not None and not isinstance(cluster_options, Mapping):
        raise InputError(
            f"cluster_options={short_repr(cluster_options)}: must be a mapping of "
            "distributed.LocalCluster keyword arguments (e.g. {'n_workers': 2}) or None"
        )
    if engine == "local":
        if scheduler is not None:
            raise InputError(f"scheduler={scheduler!r}: only used with engine='dask'")
        if cluster_options:
            raise InputError(
                f"cluster_options={short_repr(cluster_options)}: only used with engine='dask'"
            )
    return engine


def progress_enabled(progress: bool | None, n_tasks: int) -> bool:
    """Whether to show a progress bar: ``None`` means "if stderr is a terminal"."""
    if progress is None:
        return n_tasks > 1 and sys.stderr.isatty()
    return bool(progress)


def _bar(total: int, enabled: bool, desc: str) -> Any:
    # plain tqdm when off: tqdm.auto would warn in a kernel without ipywidgets
    if enabled:
        from tqdm.auto import tqdm
    else:
        from tqdm import tqdm

    return tqdm(total=total, disable=not enabled, desc=desc, unit="chunk", leave=False)


def map_chunks(
    func: Callable[[Any], Any],
    tasks: Sequence[Any],
    *,
    engine: str = "local",
    scheduler: Any = None,
    cluster_options: Mapping[str, Any] | None = None,
    progress: bool | None = None,
    desc: str = "orbitcompute",
    collect: Callable[[int, Any], None] | None = None,
) -> list[Any] | None:
    """Apply ``func`` to every task and return the results in task order.

    Parameters
    ----------
    func : callable
        A top-level function or :func:`functools.partial` (pickled for dask
        workers in other processes).
    tasks : sequence
        One argument per chunk.
    engine : {"local", "dask"}
        ``"local"`` runs the chunks one after the other in this process;
        ``"dask"`` maps them over a dask.distributed cluster [1]_.
    scheduler : None, str or distributed.Client
        For ``engine="dask"``: ``None`` starts (and closes) a LocalCluster,
        a string is a scheduler address (``"tcp://host:8786"``), a Client is
        used as is and left open.
    cluster_options : Mapping, optional
        Keyword arguments of ``distributed.LocalCluster`` (e.g.
        ``{"n_workers": 2, "processes": False}``).
    progress : bool or None
        Progress bar (tqdm); ``None`` shows it only on a terminal.
    desc : str
        Progress bar label.
    collect : callable, optional
        ``collect(index, result)`` is called as each chunk finishes (in any
        order on dask) and the result is then dropped, so that memory holds
        one chunk's result at a time; the function then returns None.

    Returns
    -------
    list or None
        ``[func(t) for t in tasks]``, or None when ``collect`` is given.

    Raises
    ------
    InputError
        ``func`` not callable or ``tasks`` not a sequence; unknown engine, a
        scheduler or ``cluster_options`` with ``engine="local"``
        (see :func:`check_engine`), or a scheduler address
        that is malformed or where no scheduler answers within dask's connect
        timeout (``distributed.comm.timeouts.connect``, 30 s by default).
    """
    check_engine(engine, scheduler, cluster_options)
    if not callable(func):
        raise InputError(f"func={short_repr(func)}: must be a callable, applied to each task")
    if isinstance(tasks, (str, bytes)) or not isinstance(tasks, Sequence):
        raise InputError(f"tasks={short_repr(tasks)}: must be a sequence, one argument per chunk")
    show = progress_enabled(progress, len(tasks))
    if engine == "local":
        out = []
        with _bar(len(tasks), show, desc) as bar:
            for i, t in enumerate(tasks):
                r = func(t)
                if collect is None:
                    out.append(r)
                else:
                    collect(i, r)
                del r
                bar.update(1)
        return out if collect is None else None
    return _map_dask(func, tasks, scheduler, cluster_options, show, desc, collect)


def _reachable(address: str) -> None:
    """Check a tcp or tls scheduler address before a Client starts its event-loop thread.

    First a plain socket connect, so that an address nothing listens on fails at
    once (or within dask's connect timeout); a malformed address raises ValueError.
    Then the dask handshake, bounded by the same timeout: ``distributed.comm.connect``
    bounds only the TCP connect by ``distributed.comm.timeouts.connect`` and then
    waits without limit for the server's handshake, so a Client hangs forever on a
    server that accepts connections but never answers. Other schemes (e.g.
    ``inproc://``) are left to the Client.
    """
    import socket

    import dask
    from dask.utils import parse_timedelta
    from distributed.comm.addressing import get_address_host_port, parse_address

    scheme, _ = parse_address(address)
    if scheme not in ("tcp", "tls"):
        return
    host, port = get_address_host_port(address)
    timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), "s")
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except TimeoutError:
        raise OSError(f"timed out after {timeout:g} s") from None
    if not _handshake_answered(address, timeout):
        raise OSError(
            f"something accepted the connection but sent no dask handshake within {timeout:g} s"
        )


def _handshake_answered(address: str, timeout: float) -> bool:
    """Whether a dask handshake with ``address`` finishes within ``timeout`` seconds.

    Runs ``distributed.comm.connect`` under ``asyncio.wait_for`` on a fresh event
    loop in a short-lived thread (the caller may be inside a running loop, e.g. in
    Jupyter); the wait cancels the pending read, which aborts the connection, and
    the loop is closed before the thread ends. Only the missing answer counts here:
    any other failure (refused, closed, not a dask server, TLS settings) returns
    True and is reported by the Client's own connect, as before.
    """
    import asyncio
    import threading

    from distributed.comm import connect

    async def handshake() -> None:
        comm = await asyncio.wait_for(connect(address, timeout=timeout), timeout)
        comm.abort()

    answered = [True]

    def run() -> None:
        try:
            asyncio.run(handshake())
        except TimeoutError:
            answered[0] = False
        except Exception:  # left to the Client, see the docstring
            pass

    thread = threading.Thread(target=run, name="orbitcompute-dask-handshake", daemon=True)
    thread.start()
    thread.join()
    return answered[0]


def _map_dask(
    func: Callable[[Any], Any],
    tasks: Sequence[Any],
    scheduler: Any,
    cluster_options: Mapping[str, Any] | None,
    show: bool,
    desc: str,
    collect: Callable[[int, Any], None] | None,
) -> list[Any] | None:
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    own_client = True
    if isinstance(scheduler, Client):
        client, own_client = scheduler, False
    elif scheduler is None:
        opts = {"dashboard_address": None, "threads_per_worker": 1}
        opts.update(cluster_options or {})
        cluster = LocalCluster(**opts)
        client = Client(cluster)
    elif isinstance(scheduler, str):
        if cluster_options:
            raise InputError("cluster_options: only used when no scheduler address is given")
        try:
            _reachable(scheduler)
            client = Client(scheduler)
        except MemoryError:
            # distributed read a frame length from a server that speaks something else
            raise InputError(
                f"scheduler={scheduler!r}: something listens there but it is not a dask "
                "scheduler (its answer is no dask message); give the address of a running "
                "scheduler, e.g. 'tcp://host:8786'"
            ) from None
        except (OSError, ValueError) as exc:  # malformed, unreachable or timed out
            raise InputError(
                f"scheduler={scheduler!r}: cannot connect to a dask scheduler there ({exc}); "
                "give an address such as 'tcp://host:8786' of a running scheduler"
            ) from exc
    else:
        raise InputError(
            f"scheduler={scheduler!r}: must be None, an address string or a distributed.Client"
        )
    try:
        futures = client.map(func, list(tasks), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        with _bar(len(futures), show, desc) as bar:
            for fut in as_completed(futures):
                if collect is not None:
                    collect(index[fut.key], fut.result())
                    fut.release()
                bar.update(1)
        return None if collect is not None else client.gather(futures)
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
