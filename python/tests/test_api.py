"""The Python API against the CLI: the same rows, byte and character
offsets that slice the text, errors with file:line, threads."""

import threading

import pandas as pd
import pytest

import evex
from conftest import articles, normalised

KEY = ["doc_id", "start", "end", "rule"]


def test_one_text_gives_exact_records(pipeline):
    text = "Russia has deployed 5,000 troops to Belarus, the ministry in Minsk said."
    ex = pipeline.extract(text, doc_id="d1")
    assert [(e.event_type, e.actor, e.location, e.quantity, e.modality) for e in ex.events] == [
        ("DEPLOYMENT", "Russia", "Belarus", "5,000", "asserted")
    ]
    ev = ex.events[0]
    assert (ev.doc_id, ev.cameo, ev.plover, ev.trigger) == ("d1", "154", "MOBILIZE", "deployed")
    assert [(e.text, e.type, e.canonical, e.start, e.end) for e in ex.entities] == [
        ("Russia", "PLACE", "Russia", 0, 6),
        ("Belarus", "PLACE", "Belarus", 36, 43),
        # A reference to a state named in the text (form=reference).
        ("the ministry", "PLACE", "Belarus", 45, 57),
        ("Minsk", "PLACE", "Minsk", 61, 66),
    ]


def test_character_offsets_differ_from_byte_offsets_after_non_ascii(pipeline):
    text = "Après la visite à Kyïv, l’armée: Russia has deployed troops to Belarus."
    ex = pipeline.extract(text)
    russia = next(e for e in ex.entities if e.canonical == "Russia")
    assert russia.start > russia.start_char
    data = text.encode("utf-8")
    for e in ex.entities:
        assert text[e.start_char : e.end_char] == e.text
        assert data[e.start : e.end].decode("utf-8") == e.text
    ev = ex.events[0]
    assert text[ev.start_char : ev.end_char].startswith("Russia has deployed")


def test_batch_equals_the_cli_on_the_example_articles(pipeline, cli_output):
    ids, texts = zip(*articles())
    batch = pipeline.extract_batch(texts, ids=ids)
    events, entities = batch.to_pandas()
    cli = evex.read_output(cli_output)
    # Every column but the group ids, which only a CLI run forms.
    assert events["group_id"].isna().all() and cli.events["group_id"].notna().all()
    got = normalised(events.drop(columns=["group_id"]), KEY)
    want = normalised(cli.events.drop(columns=["group_id"]), KEY)
    pd.testing.assert_frame_equal(got, want)
    assert want["quantity_value"].notna().any() and str(want["quantity_value"].dtype) == "float64"
    ekey = ["doc_id", "start", "end"]
    got = normalised(entities, ekey)
    pd.testing.assert_frame_equal(got, normalised(cli.entities, ekey))
    assert len(want) > 10


def test_every_offset_slices_the_text_in_bytes_and_characters(pipeline):
    docs = dict(articles())
    batch = pipeline.extract_batch(docs.values(), ids=docs.keys())
    for table in (batch.entities, batch.events):
        for doc_id, s, e, cs, ce in zip(
            table["doc_id"], table["start"], table["end"], table["start_char"], table["end_char"]
        ):
            text = docs[doc_id]
            assert text.encode("utf-8")[s:e].decode("utf-8") == text[cs:ce]
    by_record = [pipeline.extract(t, doc_id=i) for i, t in docs.items()]
    assert [e.text for ex in by_record for e in ex.entities] == batch.entities["text"]


def test_any_number_of_threads_gives_the_same_rows(pipeline):
    ids, texts = zip(*articles())
    texts, ids = list(texts) * 20, [f"{i}-{n}" for n in range(20) for i in ids]
    one = pipeline.extract_batch(texts, ids=ids, threads=1)
    two = pipeline.extract_batch(texts, ids=ids, threads=2)
    default = pipeline.extract_batch(texts, ids=ids)
    assert one.events == two.events == default.events
    assert one.entities == two.entities
    # Python threads sharing one pipeline (the GIL is released meanwhile).
    results = [None] * 4

    def work(i):
        results[i] = pipeline.extract_batch(texts, ids=ids, threads=1).events

    workers = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert all(r == one.events for r in results)


def test_columns_load_into_pandas_and_arrow_with_types(pipeline):
    batch = pipeline.extract_batch(["Houthi forces attacked a tanker in the Red Sea."], ids=["h"])
    events, entities = batch.to_pandas()
    assert str(events["start"].dtype) == "int64" and events["cameo"].tolist() == ["190"]
    arrow_events, _ = batch.to_arrow()
    assert arrow_events.column("start").type.bit_width == 64
    assert list(events.columns) == evex.EVENT_FIELDS
    assert list(entities.columns) == evex.ENTITY_FIELDS


def test_arrow_batches_equal_the_columns(pipeline):
    import pyarrow as pa

    ids, texts = zip(*articles())
    dates = ["2024-11-20"] * len(texts)
    events, entities = pipeline.extract_arrow(texts, ids=ids, dates=dates, threads=2)
    want_events, want_entities = pipeline.extract_batch(texts, ids=ids, dates=dates).to_arrow()
    assert events.num_rows > 10 and entities.num_rows > events.num_rows
    assert pa.Table.from_batches([events]).equals(want_events)
    assert pa.Table.from_batches([entities]).equals(want_entities)
    types = {f.name: str(f.type) for f in events.schema}
    assert (types["start"], types["quantity_value"], types["cameo"]) == ("int64", "double", "string")
    assert events.column("quantity_value").null_count < events.num_rows
    empty, _ = pipeline.extract_arrow([])
    assert empty.num_rows == 0 and empty.schema.names == evex.EVENT_FIELDS


def test_read_output_keeps_codes_as_strings(cli_output):
    out = evex.read_output(cli_output)
    assert out.events["cameo"].dtype == object
    assert all(isinstance(c, str) for c in out.events["cameo"].dropna())
    assert "046" in set(out.events["cameo"])
    assert str(out.entities["start"].dtype) == "int64"
    assert out.summary["documents_read"] == 8
    assert len(out.rejects) == 0
    # The other tables of the folder, typed the same way.
    assert str(out.entity_counts["mentions"].dtype) == "int64"
    assert str(out.event_groups["group_id"].dtype) == "int64"
    assert out.documents is None  # not written unless asked for


def test_the_type_stubs_name_every_field():
    """The .pyi records list the fields the native module builds them from."""
    import ast
    from pathlib import Path

    stub = ast.parse(Path(evex.__file__).with_name("_pipeline.pyi").read_text(encoding="utf-8"))
    fields = {
        node.name: [a.target.id for a in node.body if isinstance(a, ast.AnnAssign)]
        for node in stub.body
        if isinstance(node, ast.ClassDef) and node.name in ("Entity", "Event")
    }
    assert fields == {"Entity": evex.ENTITY_FIELDS, "Event": evex.EVENT_FIELDS}


def test_errors_in_user_files_name_the_file_and_line(tmp_path):
    bad = tmp_path / "place_extra.tsv"
    bad.write_text("canonical\ttype\nZorvania\tPLANET\n", encoding="utf-8")
    with pytest.raises(evex.ConfigError, match=r"place_extra\.tsv:2"):
        evex.Pipeline(gazetteers=[bad])
    rules = tmp_path / "mine.rules"
    rules.write_text("rule x.y\n  event NO_SUCH_TYPE\n", encoding="utf-8")
    with pytest.raises(evex.ConfigError, match=r"mine\.rules:2"):
        evex.Pipeline(rules=str(rules))
    with pytest.raises(evex.ConfigError, match="no such file"):
        evex.Pipeline(gazetteers=[tmp_path / "missing.tsv"])
    patterns = tmp_path / "mine.patterns"
    patterns.write_text("pattern vessel.x\n  type VESSEL\n", encoding="utf-8")
    with pytest.raises(evex.ConfigError, match=r"mine\.patterns:\d"):
        evex.Pipeline(patterns=patterns)


def test_user_gazetteers_and_bad_arguments(tmp_path, pipeline):
    mine = tmp_path / "place_mine.tsv"
    mine.write_text("canonical\taliases\nZorvania\tZorvanian Republic\n", encoding="utf-8")
    p = evex.Pipeline(gazetteers=[mine])
    ex = p.extract("Russia has deployed 2,000 troops to Zorvania.")
    assert [(e.actor, e.location) for e in ex.events] == [("Russia", "Zorvania")]
    assert pipeline.extract("Russia has deployed 2,000 troops to Zorvania.").events[0].location is None
    with pytest.raises(ValueError, match="1 ids for 2 texts"):
        pipeline.extract_batch(["a", "b"], ids=["x"])
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        pipeline.extract_batch(["a", None])
    with pytest.raises(TypeError):
        pipeline.extract(b"bytes")


def test_extract_arrow_takes_a_pyarrow_array(pipeline):
    """Texts as an Arrow array (sliced, with a null) give the rows of the
    same texts as a list; the null text gives none."""
    pa = pytest.importorskip("pyarrow")
    ids, texts = zip(*articles())
    column = pa.array(["not this one", *texts[:3], None])[1:]
    events, entities = pipeline.extract_arrow(column, ids=[*ids[:3], "null"])
    want_events, want_entities = pipeline.extract_arrow(list(texts[:3]), ids=ids[:3])
    assert events.equals(want_events) and entities.equals(want_entities)
    assert entities.num_rows > 0
