"""``ingest --cluster``: extraction on a Dask cluster gives the store a plain ingest gives, survives a worker
killed mid-batch, and says in one line when the cluster cannot be used."""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from store.db import open_store
from store.ingest import ingest
from tests.cluster_tasks import die_once_then_extract
from tests.conftest import ARTICLES, SEED
from tui.cli import main

distributed = pytest.importorskip(
    "distributed", reason="the cluster extra (newsdesk[cluster]) is not installed"
)


@pytest.fixture(scope="module")
def scheduler() -> str:
    """The address of a LocalCluster of 2 worker processes (1 thread each), shared by the module."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address


def contents(path: Path) -> dict[str, list[tuple]]:
    """What a store holds, ids and timestamps left out: articles by content hash, entities by (kind, key)."""
    conn = sqlite3.connect(path)
    q = lambda sql: sorted(conn.execute(sql).fetchall(), key=repr)  # noqa: E731
    ent = "(SELECT kind || ':' || key FROM entities e WHERE e.id = {})"
    art = "(SELECT content_hash FROM articles a WHERE a.id = {})"
    out = {
        "articles": q(
            "SELECT content_hash, title, dek, byline, source, published, url, origin, text, blocks, word_count, "
            "people_count, quote_count FROM articles"
        ),
        "entities": q(
            "SELECT kind, key, name, code, role, country_code, article_count, mention_count FROM entities"
        ),
        "aliases": q(f"SELECT {ent.format('entity_id')}, alias, norm FROM aliases"),
        "article_entities": q(
            f"SELECT {art.format('article_id')}, {ent.format('entity_id')}, mentions, published FROM article_entities"
        ),
        "mentions": q(
            f"SELECT {art.format('article_id')}, {ent.format('entity_id')}, start, end FROM mentions"
        ),
        "roles": q(f"SELECT {ent.format('entity_id')}, {art.format('article_id')}, role FROM entity_roles"),
        "quotes": q(
            f"SELECT {art.format('article_id')}, start, end, text, kind, cue, cue_start, cue_end, "
            f"{ent.format('speaker_id')}, speaker_start, speaker_end, published FROM quotes"
        ),
    }
    conn.close()
    return out


def _ingest(path: Path, **kw):
    db = open_store(path)
    try:
        return ingest(db, [str(ARTICLES)], **kw)
    finally:
        db.conn.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_cluster_ingest_gives_the_store_a_plain_ingest_gives(scheduler, store_path, tmp_path):
    stages = []
    report = _ingest(
        tmp_path / "cluster.db",
        cluster=scheduler,
        batch_size=3,
        progress=lambda p: stages.append(p.stage) if p.stage else None,
    )
    assert report.failures == []
    assert report.added == 31
    plain, cluster = contents(store_path), contents(tmp_path / "cluster.db")
    assert len(cluster["quotes"]) > 50 and len(cluster["mentions"]) > 500  # a real extraction was compared
    for table in plain:
        assert cluster[table] == plain[table], table
    assert stages == [f"connected to {scheduler}; its workers loading the language model…"]


def test_a_worker_killed_mid_batch_loses_nothing(scheduler, store_path, tmp_path, monkeypatch):
    marker = tmp_path / "killed"
    # what this process sends the workers: a batch function whose first call kills its worker
    monkeypatch.setattr("store.cluster_worker.extract_batch", partial(die_once_then_extract, str(marker)))
    report = _ingest(tmp_path / "cluster.db", cluster=scheduler, batch_size=4)
    assert marker.read_text(encoding="utf-8").isdigit()  # a worker did die, holding a batch
    assert report.added == 31 and report.failures == []
    assert contents(tmp_path / "cluster.db") == contents(store_path)


def test_known_articles_are_skipped_before_anything_is_sent(store_path, tmp_path):
    """A rerun over articles the store holds never contacts the cluster: here one that does not exist."""
    path = tmp_path / "again.db"
    path.write_bytes(store_path.read_bytes())
    report = _ingest(path, cluster=f"tcp://127.0.0.1:{_closed_port()}")
    assert (report.added, report.duplicates) == (0, 31)


def test_a_cluster_that_cannot_be_reached_is_one_line_and_exit_3(tmp_path, capsys):
    address = f"tcp://127.0.0.1:{_closed_port()}"
    code = main(["--db", str(tmp_path / "x.db"), "ingest", "--cluster", address, str(SEED)])
    err = capsys.readouterr().err
    assert code == 3
    assert err.strip().splitlines() == [
        f"newsdesk: cannot reach the Dask cluster at {address}: Connection refused"
    ]
    assert sqlite3.connect(tmp_path / "x.db").execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_a_malformed_address_is_a_usage_error(tmp_path, capsys):
    code = main(["--db", str(tmp_path / "x.db"), "ingest", "--cluster", "127.0.0.1:8786", str(SEED)])
    assert code == 2
    assert "expected tcp://HOST:PORT or local:N" in capsys.readouterr().err


def test_workers_and_a_cluster_together_are_a_usage_error(tmp_path, capsys):
    code = main(
        ["--db", str(tmp_path / "x.db"), "ingest", "--workers", "2", "--cluster", "local:2", str(SEED)]
    )
    assert code == 2
    assert "--workers and --cluster do not go together" in capsys.readouterr().err


def test_without_dask_the_cluster_option_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now raises ImportError
    code = main(["--db", str(tmp_path / "x.db"), "ingest", "--cluster", "local:2", str(SEED)])
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "newsdesk: --cluster needs dask.distributed: pip install 'newsdesk[cluster]'"
    ]


def test_the_command_line_starts_a_local_cluster(tmp_path, capsys):
    code = main(["--db", str(tmp_path / "x.db"), "ingest", "--cluster", "local:1", str(SEED)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "starting 1 local workers" in err
    assert "1 added" in err
    assert not os.environ.get("DASK_SCHEDULER_ADDRESS")  # nothing left pointing at the cluster that ended


def test_dask_is_imported_only_for_a_cluster():
    code = "import sys, store.ingest, store.cluster, tui.cli; print('dask' in sys.modules or 'distributed' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
