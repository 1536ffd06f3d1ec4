"""HTML pages through trafilatura plus the French/English clean-up layer."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from vigie.errors import ItemError
from vigie.extract import extract
from vigie.model import RawDocument

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Sommet à Genève</title>
<meta property="article:published_time" content="2021-06-16T14:05:00+02:00">
<meta property="article:modified_time" content="2021-06-16T18:40:00+02:00">
<meta name="description" content="Joe Biden et Vladimir Poutine se sont rencontrés à Genève.">
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article>
<h1>Sommet à Genève</h1>
<p class="chapo">Joe Biden et Vladimir Poutine se sont rencontrés à Genève.</p>
<p>Par Marie Dupont</p>
<figure><img src="x.jpg"><figcaption>Les deux présidents à la villa La Grange. <span class="credit">Denis Balibouse/Reuters</span></figcaption></figure>
<p>La rencontre entre Vladimir Poutine et Joe Biden a duré près de quatre heures dans la villa La Grange, au bord du lac Léman, selon les deux délégations.</p>
<p>Publicité</p>
<h2>Un retour des ambassadeurs</h2>
<p>Les deux dirigeants sont convenus de renvoyer leurs ambassadeurs dans les capitales respectives, une décision saluée par les diplomates européens présents à Genève.</p>
<p>Le Kremlin a qualifié la discussion de « constructive », tandis que la Maison-Blanche évoquait un échange « franc ».</p>
</article>
<footer>Mentions légales — Tous droits réservés</footer>
</body></html>"""


def _article(html: str, **kw):
    return extract(RawDocument(item="page.html", content=html, content_type="html", **kw))


def test_html_metadata_and_body():
    a = _article(PAGE)
    assert a.title == "Sommet à Genève"
    assert a.author == "Marie Dupont"
    assert a.published.isoformat() == "2021-06-16T14:05:00+02:00"
    assert a.updated.isoformat() == "2021-06-16T18:40:00+02:00"
    assert a.lede == "Joe Biden et Vladimir Poutine se sont rencontrés à Genève."
    assert a.text.count("se sont rencontrés à Genève") == 1
    assert a.body.startswith("La rencontre entre Vladimir Poutine et Joe Biden a duré")
    assert "Publicité" not in a.text and "Mentions légales" not in a.text and "Par Marie" not in a.text
    headings = [a.text[b.start:b.end] for b in a.blocks if b.kind == "heading"]
    assert headings == ["Un retour des ambassadeurs"]
    assert a.captions[0]["text"] == "Les deux présidents à la villa La Grange."
    assert a.captions[0]["credit"] == "Denis Balibouse/Reuters"


def test_meta_description_not_shown_is_not_a_lede():
    a = _article(PAGE.replace('<p class="chapo">Joe Biden et Vladimir Poutine se sont rencontrés à Genève.</p>', ""))
    assert a.lede is None and "se sont rencontrés" not in a.text


def test_html_date_line_in_text_when_no_meta():
    page = PAGE.replace('<meta property="article:published_time" content="2021-06-16T14:05:00+02:00">', "")
    page = page.replace('<meta property="article:modified_time" content="2021-06-16T18:40:00+02:00">', "")
    page = page.replace("<p>Par Marie Dupont</p>", "<p>Par Marie Dupont</p><p>Publié le 16 juin 2021 à 14h05</p>")
    a = _article(page)
    assert a.published.isoformat() == "2021-06-16T14:05:00+02:00"
    assert "Publié le" not in a.text


def test_malformed_html_still_extracted():
    broken = ("<html><body><div><p>Le Parlement européen a adopté mardi une résolution sur la protection des "
              "journalistes, par 500 voix contre 90.<p>Le texte doit encore être approuvé par le Conseil "
              "<b>avant la fin de l'année<div></span></body>")
    a = _article(broken)
    assert "Le Parlement européen a adopté mardi" in a.text


def test_html_without_text_is_an_error():
    with pytest.raises(ItemError) as e:
        _article("<html><head><title>Vide</title></head><body><nav>Menu</nav></body></html>")
    assert e.value.item == "page.html" and "no article text" in e.value.reason


def test_json_ld_dates_emphasis_and_paywall():
    page = PAGE.replace('<meta property="article:published_time" content="2021-06-16T14:05:00+02:00">', "")
    page = page.replace("</head>", '<script type="application/ld+json">{"@context": "https://schema.org", '
                        '"@graph": [{"@type": "NewsArticle", "datePublished": "2021-06-16 15:00:00 +02:00"}]}'
                        "</script></head>")
    page = page.replace("<p>Le Kremlin a qualifié", "<p><strong>Réaction.</strong> <em>Le Kremlin</em> a qualifié")
    page = page.replace("</article>", "<p>Il vous reste 57.09% de cet article à lire. La suite est réservée aux "
                        "abonnés.</p><p>Texte payant.</p></article>")
    a = _article(page)
    assert a.published.isoformat() == "2021-06-16T15:00:00+02:00"
    assert "Réaction. Le Kremlin a qualifié" in a.text and "*" not in a.text
    assert "Il vous reste" not in a.text and "Texte payant" not in a.text


def test_publisher_is_not_an_author():
    from vigie.extract.metadata import clean_author as _clean_author

    assert _clean_author("Le Monde; Bertrand Bissuel", publisher="Le Monde.fr") == "Bertrand Bissuel"
    assert _clean_author("Par Marie Dupont") == "Marie Dupont"
    assert _clean_author("Les Echos", publisher="Les Echos") == "Les Echos"  # nobody else is named


def test_french_publisher_pages(tmp_path):
    """Five real French news pages (Fundus fixtures, evaluation only): titles and publication instants."""
    from datetime import datetime

    from tests.conftest import shared_path
    from vigie.extract.normalize import normalize_line
    from vigie.ingest import read_path

    folder = shared_path("data", "fundus-fr-fixtures")
    checked = 0
    for gold_file in sorted(folder.glob("*.json")):
        versions = json.loads(gold_file.read_text(encoding="utf-8"))
        pages = sorted(folder.glob(f"{gold_file.stem}_*.html.gz"))
        for version, page in zip(sorted(versions), pages):  # versions and pages both sort by date
            gold = versions[version]
            (raw,) = list(read_path(page))
            a = extract(raw)
            assert a.title == normalize_line(gold["title"]), page.name  # gold keeps no-break spaces
            assert a.published == datetime.fromisoformat(gold["publishing_date"]), page.name
            assert "**" not in a.text and "Il vous reste" not in a.text
            checked += 1
    assert checked == 5


def test_json_ld_author_by_reference_and_organisation_skipped():
    ld = ('{"@context": "https://schema.org", "@graph": ['
          '{"@type": "NewsArticle", "headline": "Grève à la SNCF", "datePublished": "2023-03-07T06:30:00+01:00",'
          ' "author": [{"@id": "#/person/1"}, {"@type": "Organization", "name": "Le Quotidien"}],'
          ' "publisher": {"@type": "Organization", "name": "Le Quotidien"}},'
          '{"@type": "Person", "@id": "#/person/1", "name": "Claire Dubois"}]}')
    page = (f'<html><head><title>Grève à la SNCF - Le Quotidien</title><script type="application/ld+json">{ld}'
            "</script></head><body><article><h1>Grève à la SNCF</h1><p>Le trafic sera très perturbé mardi sur "
            "l'ensemble du réseau, a prévenu la direction de la SNCF lundi soir.</p></article></body></html>")
    a = _article(page, url="https://www.lequotidien.example/economie/greve")
    assert a.author == "Claire Dubois"
    assert a.title == "Grève à la SNCF" and a.source == "Le Quotidien"
    assert a.published.isoformat() == "2023-03-07T06:30:00+01:00"


def test_date_only_meta_gives_the_day():
    page = PAGE.replace('<meta property="article:published_time" content="2021-06-16T14:05:00+02:00">',
                        '<meta name="date" content="2021-06-16">')
    a = _article(page)
    assert a.published.date().isoformat() == "2021-06-16"


def test_title_publisher_suffixes():
    from vigie.extract.titles import strip_publisher as strip

    assert strip("Sommet de l'Otan - Le Monde", "Le Monde.fr", "https://www.lemonde.fr/x") == "Sommet de l'Otan"
    assert strip("La Russie ferme sa mission | Les Echos", None, "https://www.lesechos.fr/x") == "La Russie ferme sa mission"
    assert strip("Brexit: what next? - BBC News", None, "https://www.bbc.co.uk/news/x") == "Brexit: what next?"
    assert strip("Le Figaro - Russie : la rupture", "Le Figaro", None) == "Russie : la rupture"
    # Not a publisher: both sides of a headline stay.
    assert strip("Russie - Otan : la rupture", "Le Figaro", "https://www.lefigaro.fr/x") == "Russie - Otan : la rupture"
    assert strip("Macron à Berlin : ce qu'il faut retenir - Libération", None, None,
                 h1="Macron à Berlin : ce qu'il faut retenir") == "Macron à Berlin : ce qu'il faut retenir"
    assert strip("Pétition : Non à la fermeture de la maternité de Die", None, None,
                 h1="Non à la fermeture de la maternité de Die") == "Non à la fermeture de la maternité de Die"


def test_url_day_overrides_a_distant_metadata_date():
    from vigie.extract.html import _check_against_url as check

    modified = datetime(2019, 6, 17, 18, 28, tzinfo=timezone.utc)
    assert check(modified, "https://www.example.de/home/2017/7/12/unter-uns").date().isoformat() == "2017-07-12"
    late_utc = datetime(2023, 11, 9, 3, 28, tzinfo=timezone.utc)  # the evening of the 8th in New York
    assert check(late_utc, "https://nypost.example/2023/11/08/news/x").date().isoformat() == "2023-11-08"
    local = datetime(2023, 11, 9, 0, 30, tzinfo=timezone(timedelta(hours=1)))  # a zone is known: it stays
    assert check(local, "https://x.example/2023/11/08/news/x") is local
    assert check(modified, "https://blog.example/2023/10/3-fragen") is modified  # "3-fragen" is not a day
    assert check(None, "https://x.example/2023/11/08/") is None


def test_utc_timestamp_takes_the_zone_the_page_shows():
    from vigie.extract.html import _local_zone

    utc = datetime(2023, 11, 9, 3, 28, 35, tzinfo=timezone.utc)
    with_offset = '<time datetime="2023-11-08T22:28:35-05:00">8 nov.</time>'
    shown = _local_zone(utc, with_offset)
    assert shown == utc and shown.date().isoformat() == "2023-11-08" and shown.utcoffset() == timedelta(hours=-5)
    naive_local = '"datePublished": "2023-11-08 19:28:35"'  # same minutes and seconds, eight hours behind
    assert _local_zone(utc, naive_local).utcoffset() == timedelta(hours=-8)
    other_instant = '<time datetime="2023-11-08T22:10:00-05:00">'
    assert _local_zone(utc, other_instant) is utc
    paris = datetime(2023, 11, 9, 3, 28, 35, tzinfo=timezone(timedelta(hours=1)))
    assert _local_zone(paris, with_offset) is paris  # only UTC times are re-zoned


def test_page_drawn_by_scripts_is_kept_as_a_teaser():
    page = """<html><head><title>Taiwan's president - Example Post</title>
    <meta property="article:published_time" content="2020-01-20T10:00:08+08:00">
    <meta name="description" content="Tsai Ing-wen's playbook should be studied by every politician in the region.">
    </head><body><div id="app"></div><script>render()</script></body></html>"""
    a = _article(page)
    assert a.extractor == "metadata" and a.body == ""
    assert a.lede == "Tsai Ing-wen's playbook should be studied by every politician in the region."
    assert a.published.isoformat() == "2020-01-20T10:00:08+08:00"


def test_byline_outside_the_main_text():
    from lxml import html as lxml_html

    from vigie.extract.html import _byline_in_page

    page = ('<html><body><div class="meta"><span class="contributor">Par&nbsp;<a href="/auteurs/mh">Matthieu Hy'
            '</a></span></div><p>Par ailleurs, le Conseil a rendu sa décision.</p></body></html>')
    assert _byline_in_page(lxml_html.fromstring(page)) == "Matthieu Hy"
    assert _byline_in_page(lxml_html.fromstring("<html><body><p>Auteur : Kossivi Tiassou </p></body></html>")) \
        == "Kossivi Tiassou"
    assert _byline_in_page(lxml_html.fromstring("<html><body><p>Par ailleurs, rien.</p></body></html>")) is None
    # With the page's source, the search runs only when a text there starts with a byline word.
    assert _byline_in_page(lxml_html.fromstring(page), page) == "Matthieu Hy"
    spaced = "<html><body><p>&nbsp; Par Jeanne Martin</p><p>Texte.</p></body></html>"
    assert _byline_in_page(lxml_html.fromstring(spaced), spaced) == "Jeanne Martin"
    assert _byline_in_page(lxml_html.fromstring(spaced), "<html><body><p>Paris</p></body></html>") is None


def test_title_takes_the_typography_the_page_shows():
    page = ("<html><head><meta property=\"og:title\" content=\"L'Otan et la Russie : « la rupture »\"></head><body>"
            "<h1>Logo du site</h1><article><h2>L’Otan et la Russie : « la rupture »</h2><p>Moscou a annoncé lundi "
            "la fermeture de sa mission auprès de l’Otan à Bruxelles, en réponse à des expulsions.</p></article>"
            "</body></html>")
    assert _article(page).title == "L’Otan et la Russie : « la rupture »"


def test_byline_in_the_page_title():
    page = ("<html><head><title>Turpitude et architecture, par Didier Roy (Les blogs du Diplo, 21 juin 2018)</title>"
            "</head><body><h1>Turpitude et architecture</h1><p>Le projet de tour au cœur de la ville a été présenté "
            "mardi par le promoteur, qui promet des logements et des bureaux.</p></body></html>")
    a = _article(page)
    assert a.author == "Didier Roy"
    assert _article(page.replace(", par Didier Roy", ", par ailleurs")).author is None


def _wordpress_page(byline: str) -> str:
    """A WordPress page whose JSON-LD (Yoast) names the account that posted, with ``byline`` in its body."""
    ld = ('{"@context": "https://schema.org", "@graph": ['
          '{"@type": "Article", "headline": "La réforme des retraites", "datePublished": "2023-03-07T06:30:00+01:00",'
          ' "author": {"@id": "https://revue.example/#/schema/person/5f1c"}},'
          '{"@type": ["Person"], "@id": "https://revue.example/#/schema/person/5f1c", "name": "Anne Editrice"}]}')
    return (f'<html><head><script type="application/ld+json">{ld}</script></head><body><article>'
            f"<h1>La réforme des retraites</h1>{byline}<p>Le texte sera examiné mardi par les députés, qui ont "
            "déposé plus de trois mille amendements en commission des affaires sociales.</p></article></body></html>")


def test_shown_byline_wins_over_the_wordpress_account():
    # <dt>Auteur</dt><dd>name</dd>: the label and the name in two elements.
    shown = '<dl><dt>Auteur</dt><dd><a href="/staff/paul-ecrivain/">Paul Ecrivain</a></dd></dl>'
    assert _article(_wordpress_page(shown)).author == "Paul Ecrivain"
    # Without a byline in the page, or when it names the same person, the account's name stays.
    assert _article(_wordpress_page("")).author == "Anne Editrice"
    assert _article(_wordpress_page('<div class="by">Par <a href="/a">Anne Editrice</a>.</div>')).author \
        == "Anne Editrice"
    # Another CMS's JSON-LD person is the writer: a byline in the page does not replace it.
    other = _wordpress_page(shown).replace("#/schema/person/5f1c", "#/person/5f1c")
    assert _article(other).author == "Anne Editrice"


def test_byline_ends_before_a_full_stop():
    from vigie.extract.bylines import parse_byline

    assert parse_byline("By Jane Doe.") == "Jane Doe"
    assert parse_byline("By J.R. Stone") == "J.R. Stone"
    assert parse_byline("By John Smith Jr.") == "John Smith Jr."


def test_fallback_author_skips_pages_without_byline_markup():
    from lxml import html as lxml_html

    from vigie.extract.metadata import fallback_author

    page = '<html><body><div class="post-author">Lena Weber</div><p>Text.</p></body></html>'
    assert fallback_author(lxml_html.fromstring(page), None, page) == "Lena Weber"
    assert fallback_author(lxml_html.fromstring(page), None, page.replace("author", "x")) is None


def test_shown_byline_naming_the_account_with_a_job_title_keeps_the_account_name():
    shown = '<div class="byline">By <a href="/a">Anne Editrice</a><span>Deputy Political Editor</span></div>'
    assert _article(_wordpress_page(shown)).author == "Anne Editrice"


def _edited_page(shown_date: str, modified: str = "2021-06-18T09:30:12.204Z") -> str:
    """A platform that refreshes article:published_time on each edit and keeps the first
    publication in JSON-LD."""
    page = PAGE.replace('<meta property="article:published_time" content="2021-06-16T14:05:00+02:00">',
                        '<meta property="article:published_time" content="2021-06-18T09:30:12.031Z">')
    page = page.replace('<meta property="article:modified_time" content="2021-06-16T18:40:00+02:00">', "")
    ld = {"@type": "BlogPosting", "headline": "Sommet à Genève", "datePublished": "2021-06-16T21:05:44.310Z",
          "dateModified": modified}
    page = page.replace("</head>", f'<script type="application/ld+json">{json.dumps(ld)}</script></head>')
    return page.replace("<nav>", f'<div class="meta"><a href="/p">{shown_date}</a> · 4 min</div><nav>')


def test_meta_stamp_of_the_last_edit_yields_to_the_first_publication_the_page_shows():
    assert _article(_edited_page("16 juin 2021")).published.isoformat() == "2021-06-16T21:05:44.310000+00:00"
    assert _article(_edited_page("Jun 16, 2021")).published.date().isoformat() == "2021-06-16"
    # No day shown (or only the edit's): a republished piece looks the same, the meta stamp stays.
    assert _article(_edited_page("")).published.date().isoformat() == "2021-06-18"
    assert _article(_edited_page("18/06/2021")).published.date().isoformat() == "2021-06-18"
    # The meta stamp is not the stated modification: it is the publication, as before.
    later_edit = _edited_page("16 juin 2021", modified="2021-06-19T08:00:00Z")
    assert _article(later_edit).published.date().isoformat() == "2021-06-18"
