"""Quality benchmark: detector precision/recall on the evaluation set, and duplicate lookup
time as the library grows.

    .venv/bin/python bench/quality.py                 # 1k, 10k and 100k documents
    .venv/bin/python bench/quality.py --sizes 1000,10000 --queries 100

1. Precision and recall of the near-duplicate and the stuffing detectors on the real
   evaluation set (wenku.quality.evalset.real: documents Debian, PyPI and npm packages
   ship), per half (tune / held-out test), genre and kind; stuffing also for the first nine
   genres, the added ones (classics, law, exam), and the "cross-donor" set (every genre's
   insertions drawn from every other's, laws into manuals too). Targets: stuffing precision
   >= 0.97, recall >= 0.9; near-duplicates precision >= 0.97, recall >= 0.95. Then the
   generated set (wenku.quality.evalset), for several seeds, for comparison.
2. A throw-away SQLite library grown to each size: documents of 800-2400 characters made of
   the corpus's sentences in random order with their numbers changed, a tenth of them in a
   report template (so some LSH keys are shared by thousands of documents, as boilerplate
   is). At each size, a fixed number of queries — half re-uploads of library documents
   (cover page, a few edits, a PDF's text, a part), half new documents — go through
   matching.find_duplicates on the database index. Printed: p50/p95 lookup time, and the
   recall of the re-uploads and false matches of the new documents. Target: time growing
   sub-linearly with the library (an index lookup, not a scan).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_NUMERALS = "一二三四五六七八九十百千"


def setup_django(data_dir: str) -> None:
    os.environ["WENKU_DATA_DIR"] = data_dir
    os.environ.setdefault("WENKU_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghij")
    os.environ.pop("WENKU_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "wenku.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- 1. the evaluation set ---------------------------------------------------------------


def real_evaluation() -> None:
    """Issue #11's yardstick: the real evaluation set, per half, per detector and genre."""
    from wenku.quality.evalset.real import ADDED_GENRES, FIRST_GENRES
    from wenku.quality.evalset.real_eval import evaluate_duplicates, evaluate_stuffing
    from wenku.quality.stuffing import HOLD_THRESHOLD, REVIEW_THRESHOLD

    print("Real evaluation set (wenku.quality.evalset.real); fitted on 'tune', 'test' held out")
    print(f"stuffing: held at score >= {HOLD_THRESHOLD}, flagged for staff from {REVIEW_THRESHOLD}")
    views = (
        ("all genres", None, False),
        ("first genres", FIRST_GENRES, False),
        ("added genres", ADDED_GENRES, False),
        ("cross-donor, all genres", None, True),
    )
    for half in ("tune", "test"):
        for name, genres, cross in views:
            stuffing = evaluate_stuffing(half, genres=genres, cross=cross)
            clean = stuffing.held.fp + stuffing.held.tn
            print(f"\n[{half}] {name}: stuffing, held:    {stuffing.held.line()}")
            print(f"[{half}] {name}: clean documents held: {stuffing.held.fp} of {clean}")
            print(f"[{half}] {name}: stuffing, flagged: {stuffing.flagged.line()}")
            if genres is None and not cross:
                for genre, counts in sorted(stuffing.by_genre.items()):
                    print(f"    {genre:13} {counts.line()}")
                for kind, counts in sorted(stuffing.by_kind.items()):
                    print(f"    {kind:13} {counts.line()}")
        duplicates = evaluate_duplicates(half)
        print(f"\n[{half}] near-duplicates:   {duplicates.held.line()}")
        for genre, counts in sorted(duplicates.by_genre.items()):
            print(f"    {genre:13} {counts.line()}")
        for kind, counts in sorted(duplicates.by_kind.items()):
            print(f"    {kind:13} {counts.line()}")
    print()


def evaluation(seeds: list[int]) -> None:
    """The project's generated set, for comparison (its foreign paragraphs differ by topic
    alone). Stuffing without "repeat_own": a document repeating itself is not stuffing."""
    from wenku.quality.evalset import build_duplicate_set, build_stuffing_set
    from wenku.quality.evalset.evaluate import evaluate_duplicates, evaluate_stuffing
    from wenku.quality.stuffing import DEFAULT_THRESHOLD as DEFAULT_STUFFING_THRESHOLD

    def stuffing(seed: int):
        docs = [d for d in build_stuffing_set(seed) if d.kind != "repeat_own"]
        return evaluate_stuffing(docs, DEFAULT_STUFFING_THRESHOLD)

    print("Generated evaluation set (stuffing seed 11 is part of the fit)")
    print("detector        seed  precision  recall   tp   fp   fn   tn")
    for name, run in (
        ("near-duplicate", lambda s: evaluate_duplicates(build_duplicate_set(s))),
        ("stuffing", stuffing),
    ):
        total = [0, 0, 0, 0]
        for seed in seeds:
            sc = run(seed)
            total = [a + b for a, b in zip(total, (sc.tp, sc.fp, sc.fn, sc.tn), strict=True)]
            print(
                f"{name:15} {seed:4}  {sc.precision:9.3f}  {sc.recall:6.3f} "
                f"{sc.tp:4} {sc.fp:4} {sc.fn:4} {sc.tn:4}"
            )
        tp, fp, fn, tn = total
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        print(f"{name:15}  all  {precision:9.3f}  {recall:6.3f} {tp:4} {fp:4} {fn:4} {tn:4}")


# --- 2. lookup time ----------------------------------------------------------------------


def _pool() -> list[str]:
    from wenku.quality.evalset.compose import sentence_pool, sentences, subjects
    from wenku.quality.evalset.corpus_stuffing import STUFFING

    return sentence_pool(subjects()) + [s for p in STUFFING for s in sentences(p)]


_POOL: list[str] = []


def paragraphs_of(seed: int) -> list[str]:
    """Document `seed` of the bench library (the same paragraphs every time)."""
    global _POOL
    if not _POOL:
        _POOL = _pool()
    rng = random.Random(seed)
    target, paras = rng.randint(800, 2400), [f"资料{seed}"]
    while sum(map(len, paras)) < target:
        sentence = "".join(
            rng.choice(_NUMERALS) if ch in _NUMERALS and rng.random() < 0.5 else ch
            for s in rng.sample(_POOL, rng.randint(2, 5))
            for ch in s
        )
        paras.append(sentence)
    if seed % 10 == 0:  # a tenth in the report template: boilerplate shared by many
        from wenku.quality.evalset import corpus_reports as R

        opening = R.OPENING.replace("{place}", "本单位").replace("{year}", "2023")
        paras = [paras[0], opening, R.HEADINGS[0], *paras[1:], R.HEADINGS[2], R.CLOSING]
    return paras


def prepared(seed: int) -> tuple[int, str, str, bytes, bytes, list[int]]:
    from wenku.quality.fingerprint import fingerprint
    from wenku.quality.normalize import fold_script, normalize, normalized_sha256

    text = "\n".join(paragraphs_of(seed))
    norm = normalize(text).text
    fp = fingerprint(fold_script(norm))  # as services.check_text stores it
    lengths, signatures = fp.to_bytes()
    return seed, text, normalized_sha256(norm), lengths, signatures, fp.band_keys()


def grow(pool: Pool, owner, start: int, stop: int, ids: dict[int, int]) -> None:
    from django.db import connection, transaction

    from wenku.library.models import Document, Page
    from wenku.quality.fingerprint import VERSION
    from wenku.quality.models import Band
    from wenku.quality.models import Fingerprint as Stored

    band_sql = (
        f"INSERT INTO {Band._meta.db_table} ({connection.ops.quote_name('key')}, document_id) "
        "VALUES (%s, %s)"
    )
    for batch_start in range(start, stop, 2000):
        batch = pool.map(prepared, range(batch_start, min(stop, batch_start + 2000)), 50)
        with transaction.atomic():
            docs = Document.objects.bulk_create(
                [
                    Document(owner=owner, title=f"资料{s}", original="x", status="ready")
                    for s, *_ in batch
                ]
            )
            Page.objects.bulk_create(
                [Page(document=d, number=1, text=b[1]) for d, b in zip(docs, batch, strict=True)]
            )
            Stored.objects.bulk_create(
                [
                    Stored(
                        document=d,
                        version=VERSION,
                        text_sha256=b[2],
                        chars=0,
                        lengths=b[3],
                        signatures=b[4],
                    )
                    for d, b in zip(docs, batch, strict=True)
                ]
            )
            with connection.cursor() as cursor:
                cursor.executemany(
                    band_sql, [(k, d.pk) for d, b in zip(docs, batch, strict=True) for k in b[5]]
                )
            for d, b in zip(docs, batch, strict=True):
                ids[b[0]] = d.pk


def queries(size: int, count: int, rng: random.Random) -> list[tuple[str, int | None]]:
    """(text, seed of the original or None)."""
    from wenku.quality.evalset import transforms as T

    out: list[tuple[str, int | None]] = []
    for i in range(count):
        if i % 2 == 0:
            seed = rng.randrange(size)
            paras = paragraphs_of(seed)
            kind = (i // 2) % 4
            if kind == 0:
                text = T.join(T.cover(paras, rng))
            elif kind == 1:
                text = T.join(T.edit(paras, rng))
            elif kind == 2:
                text = T.pdf_text(paras, rng)
            else:
                text = T.join(paras[: max(3, int(len(paras) * 0.6))])
            out.append((text, seed))
        else:
            out.append(("\n".join(paragraphs_of(10_000_000 + rng.randrange(10**6))), None))
    return out


def measure(size: int, count: int, ids: dict[int, int]) -> dict:
    from wenku.quality.fingerprint import fingerprint
    from wenku.quality.index import DbLibrary
    from wenku.quality.matching import find_duplicates
    from wenku.quality.normalize import fold_script, normalize, normalized_sha256

    rng = random.Random(size)
    for text, _ in queries(size, 4, random.Random(-size)):  # warm caches and connections
        norm = fold_script(normalize(text).text)
        find_duplicates(DbLibrary(), norm, fingerprint(norm))
    times, found, expected, false = [], 0, 0, 0
    for text, origin in queries(size, count, rng):
        exact = normalize(text).text
        norm = fold_script(exact)
        fp = fingerprint(norm)
        started = time.perf_counter()
        matches = find_duplicates(DbLibrary(), norm, fp, text_sha=normalized_sha256(exact))
        times.append(time.perf_counter() - started)
        got = {m.doc_id for m in matches}
        if origin is not None:
            expected += 1
            found += int(ids[origin] in got)
            false += len(got - {ids[origin]})
        else:
            false += len(got)
    times.sort()
    return {
        "p50": statistics.median(times) * 1000,
        "p95": times[int(len(times) * 0.95) - 1] * 1000,
        "mean": statistics.fmean(times) * 1000,
        "recall": found / expected if expected else 1.0,
        "false": false,
    }


def lookup(pool: Pool, sizes: list[int], count: int, data_dir: str) -> None:
    setup_django(data_dir)
    from django.contrib.auth import get_user_model

    from wenku.quality.models import Band

    owner = get_user_model().objects.create_user("bench", password="x")
    ids: dict[int, int] = {}
    print("\ndocuments  LSH keys   build s   lookup p50 ms  p95 ms  mean ms  recall  false")
    results = []
    done = 0
    for size in sizes:
        started = time.perf_counter()
        grow(pool, owner, done, size, ids)
        build = time.perf_counter() - started
        done = size
        r = measure(size, count, ids)
        results.append((size, r))
        print(
            f"{size:9}  {Band.objects.count():9}  {build:7.1f}   {r['p50']:12.2f}  "
            f"{r['p95']:6.2f}  {r['mean']:7.2f}  {r['recall']:6.3f}  {r['false']:5}",
            flush=True,
        )
    (first, a), (last, b) = results[0], results[-1]
    if last > first:
        print(
            f"\n{last // first}x the documents: {b['p50'] / a['p50']:.2f}x the median lookup "
            f"time, {b['mean'] / a['mean']:.2f}x the mean"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seeds", default="7,3,11,4")
    parser.add_argument("--skip-eval", action="store_true")
    parser.add_argument("--data-dir", default="", help="keep the bench library here")
    args = parser.parse_args()
    if not args.skip_eval:  # pure Python: no database needed
        real_evaluation()
        evaluation([int(s) for s in args.seeds.split(",")])
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="wenku-bench-quality-")
    # Workers fingerprint the generated documents; started before Django opens a database.
    with Pool(os.cpu_count() or 2) as pool:
        lookup(pool, sizes, args.queries, data_dir)


if __name__ == "__main__":
    main()
