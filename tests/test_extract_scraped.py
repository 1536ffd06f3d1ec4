"""The scraped-text cleaner, on the seed article and on small synthetic pages."""

from __future__ import annotations

from datetime import datetime, timedelta

from vigie.extract import extract
from vigie.extract.bylines import parse_byline, parse_date_line
from vigie.model import RawDocument

CAPTION = ("L'Otan avait ouvert un bureau d'information en 2001 à Moscou puis une mission militaire "
           "l'année suivante.")


def test_seed_title_lede_author(seed_article):
    a = seed_article
    assert a.title == "La Russie ferme sa représentation diplomatique auprès de l'Otan"
    assert a.lede == (
        "Moscou a annoncé qu'elle suspendait sa mission auprès de l'Otan à Bruxelles ainsi que celle de "
        "l'Alliance dans la capitale russe. Moscou répond ainsi au retrait de l'accréditation de huit "
        "membres de la mission russe sur fond d'accusations d'espionnage."
    )
    assert a.author == "Sophie Amsili"
    assert a.extractor == "scraped-text"


def test_seed_dates_in_paris_time(seed_article):
    assert seed_article.published.isoformat() == "2021-10-18T17:17:00+02:00"
    assert seed_article.updated.isoformat() == "2021-10-18T17:52:00+02:00"
    assert str(seed_article.published.tzinfo) == "Europe/Paris"
    assert seed_article.published.utcoffset() == timedelta(hours=2)


def test_seed_caption_kept_once_with_credit(seed_article):
    assert seed_article.captions == [
        {"text": CAPTION, "credit": "Dimitar DILKOFF/AFP", **_offsets(seed_article, CAPTION)}
    ]
    assert seed_article.text.count(CAPTION) == 1
    assert CAPTION not in seed_article.body
    assert "DILKOFF" not in seed_article.text


def _offsets(article, text):
    start = article.text.index(text)
    return {"start": start, "end": start + len(text)}


def test_seed_body_start_end_and_headings(seed_article):
    body = seed_article.body
    assert body.startswith("Symboliquement, le geste est fort. Moscou a annoncé ce lundi la fermeture")
    assert body.endswith("Il y était notamment question de contrôle des armements et de cybersécurité.")
    headings = [seed_article.text[b.start:b.end] for b in seed_article.blocks if b.kind == "heading"]
    assert headings == ["Des échanges réduits depuis 2014", "D'autres canaux d'échanges"]
    assert [b.kind for b in seed_article.blocks].count("paragraph") == 9


def test_seed_boilerplate_removed(seed_article):
    text = seed_article.text
    for junk in ("Publicité", "MicrosoftTeams-image.png", "Nouveau : découvrez nos offres Premium",
                 "Vos responsabilités exigent", "PREMIUM", "Je découvre les offres", "Par Sophie Amsili",
                 "Publié le", "Mis à jour", "Sophie Amsili"):
        assert junk not in text, junk


def test_seed_spaces_normalised(seed_article):
    text = seed_article.text
    assert "\u00a0" not in text and "\u202f" not in text
    assert "« agents de renseignement russes non déclarés »" in text
    assert "le 1er novembre" in text
    assert "Sergueï Skripal, un ancien agent double russe" in text  # the scraper's " ," fixed


def test_blocks_point_into_text(seed_article):
    a = seed_article
    assert a.text[a.blocks[0].start:a.blocks[0].end] == a.title
    for prev, nxt in zip(a.blocks, a.blocks[1:]):
        assert a.text[prev.end:nxt.start] == "\n\n"


def test_byline_parser():
    assert parse_byline("Par Sophie Amsili") == "Sophie Amsili"
    assert parse_byline("Par Jean-Pierre de La Fontaine et Marie Curie") == "Jean-Pierre de La Fontaine et Marie Curie"
    assert parse_byline("By Jane Doe") == "Jane Doe"
    assert parse_byline("Par ailleurs, le gouvernement a annoncé une réforme.") is None
    assert parse_byline("Par conséquent") is None


def test_date_line_glued_and_english():
    d = parse_date_line("Publié le 18 oct. 2021 à 17:17Mis à jour le 18 oct. 2021 à 17:52")
    assert (d.published.isoformat(), d.updated.isoformat()) == ("2021-10-18T17:17:00+02:00", "2021-10-18T17:52:00+02:00")
    d = parse_date_line("Publié le 3 janvier 2022 à 08h05")
    assert d.published == datetime.fromisoformat("2022-01-03T08:05:00+01:00") and d.updated is None
    d = parse_date_line("Published March 4, 2023 at 10:30")
    assert d.published.isoformat() == "2023-03-04T10:30:00+00:00"
    assert parse_date_line("Publié dans la revue Nature") is None


def test_menus_and_footers_around_the_text_fall_away():
    menu = "\n".join(["Accueil", "Monde", "Économie", "Sport", "Culture", "Se connecter", "Le Journal du Soir"])
    footer = "\n".join(["Mentions légales", "Contact", "Plan du site", "© Le Journal du Soir 2024"])
    text = (f"{menu}\n\nLa Loire en crue à Orléans\n\nPar Jeanne Martin\n\nLe fleuve a dépassé la cote d'alerte "
            "mardi soir, obligeant la préfecture à fermer deux ponts et à évacuer une centaine d'habitants.\n\n"
            "Les pompiers restent mobilisés toute la nuit, a précisé la mairie dans un communiqué.\n\n"
            f"{footer}\n")
    a = extract(RawDocument(item="crue.txt", content_type="scraped-text", content=text))
    assert a.title == "La Loire en crue à Orléans" and a.author == "Jeanne Martin"
    assert a.body.startswith("Le fleuve a dépassé") and a.body.endswith("dans un communiqué.")
    for junk in ("Accueil", "Se connecter", "Mentions légales", "Plan du site", "©"):
        assert junk not in a.text


def test_newsletter_link_in_the_header_does_not_cut_the_article():
    text = ("Home\nNews\nSign up to our newsletters\nSubscribe now to read more\n\nFloods hit the north of England\n\n"
            "By John Smith\n\nHeavy rain caused rivers to burst their banks across Yorkshire on Tuesday, forcing "
            "hundreds of people from their homes.\n\nThe Environment Agency issued six severe flood warnings.\n")
    a = extract(RawDocument(item="floods.txt", content_type="scraped-text", content=text))
    assert a.title == "Floods hit the north of England" and a.author == "John Smith"
    assert a.body.startswith("Heavy rain caused rivers") and "severe flood warnings" in a.body


def test_scraped_without_byline_takes_first_short_line_as_title():
    raw = RawDocument(item="x.txt", content_type="scraped-text", content=(
        "Publicité\n\nUn séisme frappe le sud du pays\n\nUn séisme de magnitude 6 a frappé la région "
        "dimanche, selon les autorités.\n\nLes secours sont sur place.\n"))
    a = extract(raw)
    assert a.title == "Un séisme frappe le sud du pays"
    assert a.lede is None
    assert a.body.startswith("Un séisme de magnitude 6")
    assert "Publicité" not in a.text


def test_trailer_pitch_cut_without_signature():
    raw = RawDocument(item="y.txt", content_type="scraped-text", content=(
        "Titre de l'article\n\nPremier paragraphe de l'article, assez long pour en être un.\n\n"
        "Nouveau : découvrez nos offres Premium !\n\nTexte promotionnel.\nJe découvre les offres\n"))
    a = extract(raw)
    assert a.body == "Premier paragraphe de l'article, assez long pour en être un."


def test_lines_repeated_across_a_source_are_boilerplate(tmp_path, annotator, store):
    """A folder of dumps from one site: its menu and pitch lines recur, the articles do not."""
    from vigie.extract import RepeatedLines
    from vigie.pipeline import ingest

    header = "Accueil Monde Économie Culture\nLe Journal du Soir\n"
    # Reads like prose, so only its repetition across the site's pages gives it away.
    footer = ("Cet article vous est proposé par la rédaction régionale, qui couvre chaque jour l'actualité "
              "de votre département.\nMentions légales · Contact\n")
    bodies = [
        ("Inondations dans le Gard", "Par Marie Curie", "Les pluies ont fait déborder trois rivières dans la nuit de "
         "lundi à mardi, selon la préfecture qui a ouvert un centre d'accueil."),
        ("Grève à la SNCF", "Par Marie Curie", "Le trafic sera perturbé jeudi sur les lignes régionales, a indiqué "
         "la direction, qui prévoit un train sur deux en moyenne."),
        ("Record de chaleur à Lyon", "Par Paul Durand", "La station de Bron a relevé 40,5 degrés mercredi, un record "
         "absolu depuis le début des mesures en 1920."),
    ]
    raws = []
    for i, (title, byline, text) in enumerate(bodies):
        content = f"{header}\n{title}\n\n{byline}\n\n{text}\n\n{footer}"
        (tmp_path / f"page{i}.txt").write_text(content, encoding="utf-8")
        raws.append(RawDocument(item=str(tmp_path / f"page{i}.txt"), content=content, content_type="scraped-text"))

    without = extract(raws[0])
    assert "Cet article vous est proposé" in without.text  # no list or rule knows this line
    repeated = RepeatedLines().observe_all(raws)
    a = extract(raws[0], repeated)
    assert a.title == "Inondations dans le Gard" and a.author == "Marie Curie"  # byline read before its line went
    assert a.body == bodies[0][2]
    for junk in ("Accueil Monde", "Journal du Soir", "Cet article vous est proposé", "Mentions légales"):
        assert junk not in a.text

    report = ingest([tmp_path], store, annotator)  # the pipeline makes the first pass itself
    assert report.counts["added"] == 3
    doc = store.get(report.documents[2]["id"])
    assert doc["article"]["title"] == "Record de chaleur à Lyon" and "vous est proposé" not in doc["article"]["text"]


def test_text_without_spaces_cjk_is_still_prose():
    menu = "\n".join(["ホーム", "ニュース", "スポーツ", "ログイン"])
    body = ("東京都は月曜日、新しい防災計画を発表した。計画には避難所の増設と、高齢者への支援の強化が含まれている。\n\n"
            "知事は記者会見で、来年度から段階的に実施すると述べた。")
    a = extract(RawDocument(item="jp.txt", content_type="scraped-text", content=f"{menu}\n\n東京都が新防災計画\n\n{body}\n"))
    assert a.title == "東京都が新防災計画"
    assert a.body.startswith("東京都は月曜日") and a.body.endswith("述べた。")
    assert "ログイン" not in a.text


def test_byline_with_publisher_date_lines_and_photo_credits_are_furniture():
    text = ("Floods hit the north of England\n\nBy Amy Kuperinsky | NJ Advance Media\n\n"
            "Updated: Sat 8:31 PM, Feb 17, 2018\n\nAlex Wong | Getty Images\n\n"
            "Heavy rain caused rivers to burst their banks across Yorkshire on Tuesday, forcing hundreds of "
            "people from their homes.\n\nImage caption A flooded street in Leeds\n\n"
            "The Environment Agency issued six severe flood warnings, and more rain is expected tonight.\n")
    a = extract(RawDocument(item="floods.txt", content_type="scraped-text", content=text))
    assert a.author == "Amy Kuperinsky"
    assert a.body.startswith("Heavy rain caused rivers") and a.body.endswith("expected tonight.")
    for junk in ("Getty", "8:31 PM", "Image caption", "NJ Advance"):
        assert junk not in a.text


def test_date_line_rule_keeps_sentences_with_dates():
    from vigie.extract.scraped import _is_dateline

    assert _is_dateline("20 Nov 2019 08:00 GMT")
    assert _is_dateline("November 20, 2019 / 1:07 AM / CBS News")
    assert _is_dateline("Mercredi 20 novembre 2019 à 10h43")
    assert not _is_dateline("Le 20 novembre 2019, le gouvernement a présenté son budget aux députés.")
    assert not _is_dateline("Chargers beat the Chiefs 24-17 in 2019")


def test_comments_and_copyright_end_the_article_once_it_has_begun():
    text = ("Join the conversation\n\nA storm closes the port\n\nThe port of Calais was closed on Monday as "
            "winds reached 120 km/h along the coast, the prefecture said.\n\nFerries will sail again tomorrow, "
            "according to the operator, once the wind has dropped.\n\n12 responses to “A storm closes the port”\n\n"
            "joetoronto says:\n\nNovember 19, 2019 at 6:44 am\n\nIt’s time for both fans to come to grips with "
            "reality, it’s over yet again and nobody will ever say otherwise.\n\n© 2019 Example Media. All rights "
            "reserved.\n")
    a = extract(RawDocument(item="storm.txt", content_type="scraped-text", content=text))
    assert a.body.startswith("The port of Calais") and a.body.endswith("once the wind has dropped.")


def test_a_list_of_links_after_the_text_ends_the_article():
    text = ("A storm closes the port\n\nThe port of Calais was closed on Monday as winds reached 120 km/h along "
            "the coast, the prefecture said.\n\nFerries will sail again tomorrow, according to the operator, once "
            "the wind has dropped below the limit.\n\nKey moments from the minister's visit to the coast\n"
            "Fishermen count the cost of a week without sailing\nWhy the storms are getting stronger each winter\n"
            "Five things to know about the new sea wall\n\nShort teaser for another story that goes on.\n")
    a = extract(RawDocument(item="storm.txt", content_type="scraped-text", content=text))
    assert a.body.endswith("below the limit.")
    assert "Fishermen" not in a.text


def test_headings_between_paragraphs_are_not_a_list_of_links():
    para = ("The port of Calais was closed on Monday as winds reached 120 km/h along the coast, the prefecture "
            "said in a statement issued in the evening.")
    text = f"A storm closes the port\n\n{para}\n\nWhat the operator says\n\n{para}\n\nWhen ferries sail again\n\n{para}\n"
    a = extract(RawDocument(item="storm.txt", content_type="scraped-text", content=text))
    assert a.body.count(para) == 3 and "When ferries sail again" in a.body
