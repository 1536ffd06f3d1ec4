"""Reading files: supported types, and each kind of bad input gets a clear per-item error."""

from __future__ import annotations

import gzip
import json

from vigie.errors import ItemError
from vigie.ingest.files import Skipped, iter_paths, read_path
from vigie.model import RawDocument

ARTICLE_FR = ("<html><head><title>Élections à Québec</title></head><body><article><p>Les électeurs "
              "québécois se sont rendus aux urnes lundi pour élire leurs députés, dans un scrutin marqué "
              "par une forte participation et des débats sur l'économie.</p></article></body></html>")


def _one(path, **kw):
    out = list(read_path(path, **kw))
    assert len(out) == 1
    return out[0]


def test_empty_file(tmp_path):
    p = tmp_path / "empty.html"
    p.write_bytes(b"")
    err = _one(p)
    assert isinstance(err, ItemError) and err.item == str(p) and err.reason == "empty file"
    (tmp_path / "blank.txt").write_text("  \n\n ")
    assert _one(tmp_path / "blank.txt").reason == "empty file"


def test_binary_file(tmp_path):
    p = tmp_path / "photo.html"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    err = _one(p)
    assert isinstance(err, ItemError) and "binary" in err.reason
    p2 = tmp_path / "data.txt"
    p2.write_bytes(b"abc\x00\x01\x02def" * 50)
    assert "binary" in _one(p2).reason


def test_cp1252_page_without_charset_is_read_right(tmp_path):
    p = tmp_path / "latin.html"
    p.write_bytes(ARTICLE_FR.replace("Québec", "Québec – “2022”").encode("cp1252"))
    raw = _one(p)
    assert isinstance(raw, RawDocument)
    assert "Élections à Québec – “2022”" in raw.content and "québécois" in raw.content


def test_declared_charset_wins(tmp_path):
    p = tmp_path / "declared.htm"
    html = ARTICLE_FR.replace("<head>", '<head><meta charset="iso-8859-1">')
    p.write_bytes(html.encode("latin-1"))
    assert "québécois" in _one(p).content


def test_file_too_large_is_refused_without_reading(tmp_path):
    p = tmp_path / "huge.html"
    with open(p, "wb") as f:  # a sparse 50 MB file: costs no disk
        f.truncate(50 * 1024 * 1024)
    err = _one(p)
    assert isinstance(err, ItemError) and "too large" in err.reason and "50.0 MB" in err.reason


def test_gzip_bomb_is_bounded(tmp_path):
    p = tmp_path / "bomb.html.gz"
    p.write_bytes(gzip.compress(b"<p>" + b"a" * (3 * 1024 * 1024) + b"</p>"))
    err = _one(p, max_bytes=1024 * 1024)
    assert isinstance(err, ItemError) and "decompressed" in err.reason


def test_gzip_html_and_broken_gzip(tmp_path):
    good = tmp_path / "page.html.gz"
    good.write_bytes(gzip.compress(ARTICLE_FR.encode("utf-8")))
    assert "québécois" in _one(good).content
    bad = tmp_path / "bad.txt.gz"
    bad.write_bytes(b"\x1f\x8b not really gzip")
    assert "gzip" in _one(bad).reason


def test_unknown_extension_explicit_is_error_in_folder_is_skipped(tmp_path):
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"whatever")
    (tmp_path / "a.txt").write_text("Titre\n\nUn paragraphe d'article suffisamment long pour compter.")
    (tmp_path / ".hidden.txt").write_text("caché")
    explicit = list(iter_paths([odd]))
    assert isinstance(explicit[0], ItemError) and "unsupported file type '.docx'" in explicit[0].reason
    walked = list(iter_paths([tmp_path]))
    assert [type(x).__name__ for x in walked] == ["PosixPath", "Skipped"]
    assert isinstance(walked[1], Skipped) and walked[1].item.endswith("notes.docx")
    missing = list(iter_paths([tmp_path / "nope.html"]))
    assert missing[0].reason == "no such file or directory"


def test_jsonl_good_and_bad_lines(tmp_path):
    p = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"title": "Un", "text": "Premier article.", "url": "https://ex.org/1",
                    "published": "2021-10-18T10:00:00+02:00", "source": "ex.org"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "Sans texte"}),
        "",
        json.dumps({"title": 5, "text": "x"}),
        json.dumps({"html": "<p>Deuxième</p>", "url": "https://ex.org/2"}),
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    out = list(read_path(p))
    assert [type(x).__name__ for x in out] == ["RawDocument", "ItemError", "ItemError", "ItemError", "ItemError",
                                               "RawDocument"]
    assert out[0].content_type == "plain-text" and out[0].hints["published"].startswith("2021-10-18")
    assert out[5].content_type == "html" and out[5].url == "https://ex.org/2"
    assert out[1].item == f"{p}:2" and "invalid JSON" in out[1].reason
    assert out[2].item == f"{p}:3" and "JSON object" in out[2].reason
    assert out[3].item == f"{p}:4" and "no 'text' or 'html'" in out[3].reason
    assert out[4].item == f"{p}:6" and "'title' must be a string" in out[4].reason


def _warc(records: list[tuple[str, bytes, str]], compress: bool = True) -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compress)
    for url, body, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def test_warc_html_responses_only(tmp_path):
    data = _warc([("https://ex.org/a", ARTICLE_FR.encode("utf-8"), "text/html; charset=utf-8"),
                  ("https://ex.org/logo.png", b"\x89PNG....", "image/png"),
                  ("https://ex.org/b", ARTICLE_FR.encode("cp1252"), "text/html; charset=windows-1252")])
    for name, payload in (("crawl.warc.gz", data), ("crawl.warc", _warc([("https://ex.org/c", b"<p>x</p>", "text/html")],
                                                                        compress=False))):
        (tmp_path / name).write_bytes(payload)
    out = list(read_path(tmp_path / "crawl.warc.gz"))
    assert [x.url for x in out] == ["https://ex.org/a", "https://ex.org/b"]
    assert all("québécois" in x.content for x in out)
    assert out[0].item.endswith("crawl.warc.gz#https://ex.org/a") and out[0].fetched_at is not None
    assert [x.url for x in read_path(tmp_path / "crawl.warc")] == ["https://ex.org/c"]


def test_truncated_and_fake_warc(tmp_path):
    data = _warc([(f"https://ex.org/{i}", ARTICLE_FR.encode(), "text/html") for i in range(3)])
    (tmp_path / "cut.warc.gz").write_bytes(data[: int(len(data) * 0.8)])
    out = list(read_path(tmp_path / "cut.warc.gz"))
    assert [type(x).__name__ for x in out] == ["RawDocument", "RawDocument", "ItemError"]
    assert "truncated or corrupt archive" in out[-1].reason
    (tmp_path / "fake.warc").write_text("this is not an archive\n" * 5)
    (err,) = read_path(tmp_path / "fake.warc")
    assert "not a WARC/ARC archive" in err.reason


def test_url_list(tmp_path):
    from vigie.ingest.files import UrlInput

    p = tmp_path / "to-read.urls"
    p.write_text("# morning list\nhttps://ex.org/a\n\nftp://ex.org/b\nhttp://ex.org/c\n")
    out = list(read_path(p))
    assert out[0] == UrlInput("https://ex.org/a", f"{p}:2")
    assert isinstance(out[1], ItemError) and out[1].item == f"{p}:4" and "not an http(s) URL" in out[1].reason
    assert out[2].url == "http://ex.org/c"
    assert list(iter_paths(["https://ex.org/x"])) == [UrlInput("https://ex.org/x", "https://ex.org/x")]
