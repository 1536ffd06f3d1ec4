"""Scraped-text cleaner, fourth round: per-language lists, list items, captions, author boxes, the
headline named by the URL. Small hand-written dumps (no third-party text)."""

from __future__ import annotations

from vigie.extract import extract
from vigie.extract.scraped import _is_prose, _page_languages, _Unit
from vigie.model import RawDocument

DE_PARA_1 = ("Der Stadtrat hat am Dienstagabend beschlossen, die alte Brücke über den Fluss bis zum Herbst "
             "vollständig zu sanieren, nachdem Gutachter mehrere Risse im Tragwerk gefunden hatten.")
DE_PARA_2 = ("Während der Bauarbeiten wird der Verkehr über eine Behelfsbrücke geleitet, die das Technische "
             "Hilfswerk in den kommenden Wochen errichten soll, wie die Verwaltung mitteilte.")
DE_PARA_3 = ("Die Kosten von rund vier Millionen Euro teilen sich die Stadt und das Land, das einen "
             "Zuschuss aus dem Programm für kommunale Infrastruktur zugesagt hat.")


def _scraped(text: str, url: str | None = None):
    return extract(RawDocument(item="dump.txt", content_type="scraped-text", content=text, url=url))


def test_page_language_adds_its_lists_to_french_and_english():
    german = [_Unit(p) for p in (DE_PARA_1, DE_PARA_2)]
    english = [_Unit("The council voted on Tuesday evening to repair the old bridge over the river by the autumn, "
                     "after engineers found several cracks in its frame.")]
    assert _page_languages(german) == ("fr", "en", "de")
    assert _page_languages(english) == ("fr", "en")
    assert _page_languages([_Unit("Menü"), _Unit("Suche")]) == ("fr", "en")  # nothing to read the language from


def test_german_comment_form_and_link_headers_are_dropped():
    text = ("Startseite\nPolitik\nRegion\n\nStadtrat beschließt Sanierung der alten Brücke\n\n"
            f"{DE_PARA_1}\n\nMehr zum Thema\n\n{DE_PARA_2}\n\n{DE_PARA_3}\n\n"
            "Schreibe einen Kommentar\n\nDeine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder "
            "sind mit * markiert.\n\nKommentar\n\nName *\n\nE-Mail *\n\n"
            "Ich finde es richtig, dass die Stadt endlich handelt, denn die Brücke war schon lange in einem "
            "schlechten Zustand und niemand hat sich darum gekümmert.\n")
    a = _scraped(text)
    assert a.body.startswith(DE_PARA_1[:40]) and a.body.endswith(DE_PARA_3[-40:])
    for junk in ("Mehr zum Thema", "Schreibe einen Kommentar", "E-Mail-Adresse", "Ich finde es richtig"):
        assert junk not in a.text, junk


def test_german_lists_do_not_apply_to_an_english_page():
    para = ("The council voted on Tuesday evening to repair the old bridge over the river by the autumn, after "
            "engineers found several cracks in its frame.")
    text = f"Bridge to be repaired\n\n{para}\n\nMehr zum Thema\n\n{para.replace('Tuesday', 'Monday')}\n"
    a = _scraped(text)
    assert "Mehr zum Thema" in a.text  # a German related-links header means nothing on an English page


def test_list_after_a_colon_stays_inside_the_text():
    text = ("Home\nRecipes\nAbout\n\nAlmond biscuits\n\n"
            "These biscuits keep for two weeks in a tin and are quick to make with children on a rainy day.\n\n"
            "You need:\n300 g flour\n200 g butter\n100 g ground almonds\n1 egg\n\n"
            "Mix everything into a smooth dough, roll it out on a floured board and cut out the shapes you like.\n\n"
            "Bake them for fifteen minutes in the middle of the oven until they turn golden brown.\n\n"
            "Archive\nDecember\nNovember\nOctober\n")
    a = _scraped(text)
    for item in ("300 g flour", "200 g butter", "1 egg"):
        assert item in a.body, item
    assert a.body.index("300 g flour") < a.body.index("Mix everything")
    for junk in ("Archive", "December", "Recipes"):
        assert junk not in a.text, junk


def test_bulleted_lines_are_list_items_but_contact_lines_are_not():
    text = ("Opening hours change\n\nThe town library will open later on weekdays from next month, the council "
            "said, because two of its staff are retiring this spring.\n\n"
            "- Monday to Friday from ten\n- Saturday from nine\n\n"
            "The reading room keeps its evening hours, and the children's corner is not affected by the change.\n\n"
            "Press contact:\nTown Hall\nTel: +44 20 7946 0000\nE-mail: press@example.org\n")
    a = _scraped(text)
    assert "- Monday to Friday from ten" in a.body and "- Saturday from nine" in a.body
    assert "press@example.org" not in a.text and "7946" not in a.text


def test_a_sentence_may_end_with_an_emoji_or_a_footnote():
    assert _is_prose("Ich wünsche euch allen einen schönen Sonntag und bis bald. 😀")
    assert _is_prose("Time is not short, we waste much of it.”1")
    assert _is_prose("Erst kam alles anders. Dann wurde es gut. Am Ende lachten alle darüber, auch wir")
    assert not _is_prose("Five things to know about the new sea wall")
    assert not _is_prose("Read the whole story in our weekend edition…")


def test_caption_with_a_trailing_credit_is_a_caption():
    para = ("The port of Calais was closed on Monday as winds reached 120 km/h along the coast, the prefecture "
            "said in a statement issued in the evening.")
    text = (f"A storm closes the port\n\n{para}\n\nWaves break over the harbour wall on Monday. © Jane Example\n\n"
            f"{para.replace('Monday', 'Sunday')}\n")
    a = _scraped(text)
    assert "Waves break" not in a.body and "Jane Example" not in a.body
    assert a.captions and a.captions[0]["credit"].startswith("©")


# Two paragraphs of a made-up article, shared by the tests of what follows a text's end.
STORM = ("The port of Calais was closed on Monday as winds reached 120 km/h along the coast, the prefecture "
         "said in a statement issued in the evening.",
         "Ferries will sail again tomorrow, according to the operator, once the wind has dropped below the "
         "limit set for the harbour entrance.")


def test_author_box_after_the_text_ends_the_article():
    text = ("A storm closes the port\n\n" + "\n\n".join(STORM) + "\n\nJane Example\n\n"
            "Jane Example is a reporter on the coast desk and has covered shipping and ports for ten years.\n")
    a = _scraped(text)
    assert a.body.endswith("harbour entrance.")
    assert "reporter on the coast desk" not in a.text


def test_lone_paragraph_after_a_gap_at_the_end_is_dropped():
    text = ("A storm closes the port\n\n" + "\n\n".join(STORM) + "\n\nTopics\nWeather\nTransport\n\n"
            "Get the best of our reporting in your inbox every morning with our free daily briefing for readers.\n")
    a = _scraped(text)
    assert a.body.endswith("harbour entrance.") and "briefing" not in a.text


def test_headline_named_by_the_url_anchors_the_text():
    story = [("The old bridge over the river will be repaired by the autumn, the council decided on Tuesday "
              "after engineers found cracks in its frame."),
             ("Traffic will cross on a temporary bridge while the work goes on, the town hall said.")]
    # A longer block elsewhere on the page (an "about us" box) would win on size alone.
    about = ("We are an independent local newsroom founded by readers in 1998. We publish every day and our "
             "journalism is free to read for everyone who lives in the valley and beyond it. ")
    menu = "\n".join(f"Section {i}" for i in range(40))  # a long menu: the two blocks do not join
    text = ("Home\nNews\nSport\n\nCouncil votes to repair the old bridge\n\nBy Jane Example\n\n"
            + "\n\n".join(story) + f"\n\n{menu}\n\nAbout us\n\n{about}\n\n{about}\n\n{about}\n")
    url = "https://news.example.org/2024/05/council-votes-to-repair-the-old-bridge"
    anchored = _scraped(text, url)
    assert anchored.body.startswith("The old bridge") and "independent local newsroom" not in anchored.body
    unanchored = _scraped(text)
    assert "The old bridge" not in unanchored.body  # without the URL, size decides


# --------------------------------------------------------------------------- fourth round, continued


def test_german_closing_quote_and_a_final_emoji_end_a_sentence():
    assert _is_prose("„Wir haben lange auf diese Entscheidung gewartet und sind jetzt sehr froh darüber.“")
    assert _is_prose("Über Stimmen beim Online-Voting würde ich mich daher sehr freuen 🙂")
    assert not _is_prose("Stadtrat beschließt Sanierung der alten Brücke")


def test_subtitle_under_the_headline_is_the_lede():
    standfirst = "Gutachter fanden mehrere Risse im Tragwerk – die Stadt reagiert noch vor dem Winter"
    text = ("Startseite\nPolitik\nRegion\n\nStadtrat beschließt Sanierung der alten Brücke\n\n"
            f"Hamburg, 2. November 2021\n\n{standfirst}\n\n{DE_PARA_1}\n\n{DE_PARA_2}\n\n{DE_PARA_3}\n\n"
            "Impressum\nKontakt\n")
    a = _scraped(text, url="https://zeitung.example/region/stadtrat-beschliesst-sanierung-der-alten-bruecke/")
    assert a.title == "Stadtrat beschließt Sanierung der alten Brücke"
    assert a.lede == standfirst
    assert standfirst not in a.body and a.body.startswith(DE_PARA_1[:40])


def test_a_date_line_under_the_headline_is_not_a_lede():
    text = ("Startseite\nPolitik\n\nStadtrat beschließt Sanierung der alten Brücke\n\n"
            f"Veröffentlicht am 6. Juli 2015 von Redaktion Stadtleben und Kultur\n\n{DE_PARA_1}\n\n{DE_PARA_2}\n")
    a = _scraped(text, url="https://zeitung.example/region/stadtrat-beschliesst-sanierung-der-alten-bruecke/")
    assert not a.lede or "2015" not in a.lede


def test_unpunctuated_last_line_of_the_text_is_kept_but_not_a_short_label():
    last = ("Deutschland ist ein Land, in dem Fernsehserien jahrzehntelang laufen, ohne abgesetzt zu werden, "
            "und offenbar ist das in der Politik ähnlich")
    text = (f"Startseite\nPolitik\n\nDie Brücke\n\n{DE_PARA_1}\n\n{DE_PARA_2}\n\n{last}\n\n"
            "Teilen\nTwitter\nDrucken\n")
    a = _scraped(text)
    assert a.body.endswith(last)
    assert "Teilen" not in a.body and "Drucken" not in a.body


def test_long_trailer_line_ends_the_article():
    licence = ("Texte auf dieser Webseite stehen unter einer Creative Commons Namensnennung-Keine Bearbeitung 3.0 "
               "Lizenz. Eine Weiterverwendung ist erlaubt, wenn die Quelle genannt wird, der Text nicht verändert "
               "wird und die Nutzung nicht kommerziell erfolgt; für Fotos und Grafiken gelten gesonderte Bedingungen, "
               "die bei der Redaktion erfragt werden können.")
    assert len(licence) > 200  # patterns were once tried on lines up to 200 characters only
    text = f"Die Brücke\n\n{DE_PARA_1}\n\n{DE_PARA_2}\n\n{DE_PARA_3}\n\n{licence}\n"
    a = _scraped(text)
    assert a.body.endswith(DE_PARA_3[-40:])
    assert "Creative Commons" not in a.text


def test_a_paragraph_split_by_a_line_break_is_read_as_one():
    from vigie.extract.scraped import _join_broken_lines

    split = [_Unit("Der Stadtrat hat am Dienstagabend beschlossen, die alte Brücke"),
             _Unit("über den Fluss bis zum Herbst vollständig zu sanieren.")]
    assert [u.text for u in _join_broken_lines(split)] == [
        "Der Stadtrat hat am Dienstagabend beschlossen, die alte Brücke über den Fluss bis zum Herbst "
        "vollständig zu sanieren."]
    kept_apart = [
        [_Unit("Die Brücke wird saniert."), _Unit("über den Fluss führt eine Behelfsbrücke.")],  # a full stop ends it
        [_Unit("Die alte Brücke über den Fluss"), _Unit("Wird bis zum Herbst saniert.")],  # capital: a new line
        [_Unit("By Jane Doe and John Smith"), _Unit("on Monday, November 18th, 2019 at 11:08 a.m.")],  # a header
        [_Unit("Wir zeigen, wie es geht, Schritt für Schritt"), _Unit("mehr erfahren")],  # no sentence: a link
    ]
    for units in kept_apart:
        assert len(_join_broken_lines(units)) == 2, units[0].text
    text = (f"Startseite\nPolitik\n\nStadtrat beschließt Sanierung\n\n{split[0].text}\n{split[1].text}\n\n"
            f"{DE_PARA_2}\n\n{DE_PARA_3}\n")
    assert "die alte Brücke über den Fluss" in _scraped(text).body


def test_a_comment_button_under_the_first_paragraph_does_not_end_the_article():
    # "Teilen:" / "Commenter" buttons sit between the standfirst and the text: far more prose follows them.
    text = ("Startseite\nPolitik\n\nStadtrat beschließt Sanierung der alten Brücke\n\n"
            f"{DE_PARA_1}\n\nTeilen:\n\n{DE_PARA_2}\n\n{DE_PARA_3}\n\n"
            f"{DE_PARA_2.replace('kommenden Wochen', 'nächsten Monaten')}\n\n"
            f"{DE_PARA_3.replace('vier Millionen', 'fünf Millionen')}\n\nImpressum\n")
    a = _scraped(text)
    assert DE_PARA_3[:40] in a.body and "Teilen" not in a.text


def test_a_comment_label_after_the_text_still_ends_it():
    # The same label after most of the text: the comments that follow it are not the article.
    comment = ("Ich finde es richtig, dass die Stadt endlich handelt, denn die Brücke war schon lange in einem "
               "schlechten Zustand und niemand hat sich darum gekümmert, obwohl alle davon wussten.")
    text = (f"Stadtrat beschließt Sanierung der alten Brücke\n\n{DE_PARA_1}\n\n{DE_PARA_2}\n\n{DE_PARA_3}\n\n"
            f"Teilen:\n\n{comment}\n")
    a = _scraped(text)
    assert a.body.endswith(DE_PARA_3[-30:]) and "Ich finde es richtig" not in a.text


def test_utf8_read_as_windows_1252_is_repaired():
    from vigie.extract.repeated import repair_mojibake

    assert repair_mojibake("Der BÃ¼rgermeister erÃ¶ffnet die BrÃ¼cke â€“ endlich") == \
        "Der Bürgermeister eröffnet die Brücke – endlich"
    assert repair_mojibake("WÅ‚adze miasta otworzyÅ‚y most") == "Władze miasta otworzyły most"
    for clean in ("Straße »Ärger«", "Café… Ça va", "ÄRGER» und Ö“", "plain ascii"):
        assert repair_mojibake(clean) == clean  # real accents and quotes stay as they are
    text = f"Stadtrat beschlieÃŸt Sanierung der alten BrÃ¼cke\n\n{DE_PARA_1.replace('Brücke', 'BrÃ¼cke')}\n\n{DE_PARA_2}\n"
    assert "die alte Brücke über den Fluss" in _scraped(text).body


def test_a_long_reader_comment_does_not_outweigh_a_short_post():
    comment = ("Also, ich habe das gleiche Objektiv seit drei Jahren und kann nur sagen, dass es bei wenig Licht "
               "deutlich besser ist als das alte, vor allem wenn man ohne Stativ fotografiert und die Kamera ruhig "
               "hält, was bei Kälte natürlich schwerer fällt als im Sommer, wenn man entspannt draußen sitzt und "
               "auf den richtigen Moment wartet, der manchmal eben nicht kommt, egal wie lange man wartet.")
    text = ("Mein Blog\nStartseite\nÜber mich\n\nAbendhimmel über der Stadt\n\n"
            "Das Foto entstand gestern kurz nach Sonnenuntergang vom Balkon aus, ganz ohne Stativ.\n\n"
            "Für die kurze Belichtungszeit ist das Rauschen erstaunlich gering, auch wenn die Schärfe am Rand "
            "etwas nachlässt.\n\nGefällt mir\nLiken\n\nAnna sagt:\n06.01.2020 um 9:16\nSchönes Bild!\n\n"
            f"Bernd sagt:\n07.01.2020 um 10:02\n{comment}\n\nLiken\nAntworten\n")
    a = _scraped(text)
    assert a.body.startswith("Das Foto entstand gestern") and "Objektiv" not in a.text


def test_a_long_sentence_ending_in_a_colon_opens_a_list():
    text = ("Home\nRecipes\nAbout\n\nAlmond biscuits\n\n"
            "These biscuits keep for two weeks in a tin and are quick to make with children on a rainy day.\n\n"
            "Before you start, make sure that the following things are ready on the kitchen table:\n"
            "flour and butter\nground almonds\none fresh egg\na rolling pin\n\n"
            "Mix everything into a smooth dough, roll it out on a floured board and cut out the shapes you like.\n\n"
            "Archive\nDecember\nNovember\nOctober\n")
    a = _scraped(text)
    for item in ("flour and butter", "ground almonds", "one fresh egg", "a rolling pin"):
        assert item in a.body, item
    assert "November" not in a.text


def test_numbered_steps_with_the_number_alone_on_its_line():
    text = ("Home\nRecipes\nAbout\n\nAlmond biscuits\n\nPreparation\n\n1.\n\nSift the flour into a large bowl.\n\n"
            "2.\n\nAdd the butter and the egg and work them in quickly.\n\n3.\n\n"
            "Roll the dough out thinly and cut out the shapes you like.\n\n4.\n\nBake them for fifteen minutes.\n\n"
            "You may also like\nCookies\nBrownies\nMuffins\nScones\n")
    a = _scraped(text)
    assert "1. Sift the flour into a large bowl." in a.body and "4. Bake them for fifteen minutes." in a.body
    assert "Brownies" not in a.text


def test_a_run_of_quantity_lines_is_a_list_not_a_menu():
    intro = ("This lemon cake stays moist for days because the syrup soaks into the crumb while it is still "
             "warm, and it needs nothing more than a bowl and a whisk.")
    method = ("Beat the butter with the sugar until pale, add the eggs one by one, fold in the flour and the zest, "
              "then bake for forty minutes and pour the syrup over the warm cake.")
    text = ("Home\nRecipes\nAbout\n\nLemon cake\n\n" f"{intro}\n\n" "Ingredients\n250 g butter\n200 g sugar\n4 eggs\n"
            "Salt\n300 g flour\n2 lemons\n\n" f"{method}\n\n" "More recipes\nBrownies\nScones\nMuffins\n")
    a = _scraped(text)
    assert intro[:30] in a.body and method[:30] in a.body
    for item in ("250 g butter", "4 eggs", "Salt", "2 lemons"):
        assert item in a.body, item
    assert "Brownies" not in a.text


def test_numbers_before_headlines_are_no_quantity_list():
    from vigie.extract.scraped import _mark_quantities

    units = [_Unit(t) for t in ("86 comments", "Council votes on the bridge", "133 comments",
                                "5G auction brings in billions", "48 comments", "Mayor opens the new library")]
    _mark_quantities(units)
    assert not any(u.item for u in units)
    units = [_Unit(t) for t in ("250 g butter", "200 g sugar", "Salt", "300 g flour")]
    _mark_quantities(units)
    assert all(u.item for u in units)


def test_the_url_headline_is_not_a_tag_in_a_list():
    # The slug names the member of parliament; the line naming her after "Member:" is a tag, not the headline.
    text = ("Home\nTopics\nPress\n\nNew vice-president of parliament\n\n"
            "The member Jane Fielding became vice-president of parliament on Tuesday with a broad majority "
            "of the votes cast, the first time her party holds the post.\n\n"
            "She has been a member since 2009 and chaired the committee on rules and immunity before, where she "
            "worked on the reform of the standing orders.\n\n"
            "Share\nPrint\n\nTopics:\nDemocracy\nMember:\nJane Fielding (Labour)\n\n"
            "Questions about this article? You can contact us here with your questions and suggestions.\n\n"
            "Name *\nE-mail *\nYour message *\n\n"
            "We handle your data safely and in line with the data protection rules that apply to us.\n\nContact\n")
    a = _scraped(text, url="https://example.org/topics/jane-fielding-labour")
    assert a.body.startswith("The member Jane Fielding") and "She has been a member" in a.body
    assert "handle your data" not in a.text


def test_a_paywalled_page_keeps_its_cut_first_paragraph():
    teaser = ("The council met on Tuesday to discuss the shortage of staff in the region. Employers said that wages "
              "alone no longer attract people. Among the guests was the head of the largest ...")
    text = ("Home\nRegion\nSport\nCulture\n\nWages alone are not enough\n\n07.11.2023 Liestal\n\n"
            f"{teaser}\n\nShare\nShare\n\nWant to read on?\nYes. I am a subscriber.\nLog in\nYes. I need a subscription.\n"
            "Offers\n")
    a = _scraped(text)
    assert a.body.startswith("The council met on Tuesday") and "subscri" not in a.body


def test_a_cut_teaser_does_not_win_over_a_page_with_prose():
    teaser = ("Read about the new bridge and what the council decided about the costs and the traffic during the "
              "works, and how long ...")
    text = (f"Bridge to be repaired\n\n{DE_PARA_1}\n\n{DE_PARA_2}\n\nMore news\n\n{teaser}\n\nContact\n")
    assert "Read about the new bridge" not in _scraped(text).text


def test_the_bylined_authors_bio_after_the_text_ends_it():
    text = ("Archives\nPodcasts\n\nA song about loneliness\n\nBy Tom Miller\n\nJuly 11, 2011\n\n"
            f"{DE_PARA_1}\n\n{DE_PARA_2}\n\n{DE_PARA_3}\n\n"
            "TOM MILLER has written about music for twenty years and lives in a small town by the sea with two "
            "cats.\n\nTweet\n")
    a = _scraped(text)
    assert a.author == "Tom Miller" and a.body.endswith(DE_PARA_3[-30:]) and "twenty years" not in a.text


def test_an_initial_is_no_sentence_break():
    assert not _is_prose("Neu im Archiv: ein Buch von J. K. Rowling und ein Aufsatz von Andreas C. Hofmann")
    assert _is_prose("Der Stadtrat tagte am Abend. Die Brücke wird saniert und bleibt bis zum Herbst gesperrt. Der Bürgermeister")


def test_the_label_the_text_starts_under_is_kept():
    text = ("Home\nJudgments\nContact\n\nFederal Court of Justice\nJudgment\nFile number: I ZR 1/07\n\n"
            "Guiding principles:\n\n"
            "The operator of a web portal on which third parties publish content is liable for that content when "
            "he presents it as his own and has checked it before it went online.\n\n"
            "The court dismissed the appeal against the judgment of the regional court and ordered the defendant "
            "to bear the costs of the appeal proceedings.\n\nShare\nPrint\nImprint\n")
    a = _scraped(text, url="https://example.org/2011/10/federal-court-justice/")
    assert "Guiding principles:" in a.body and a.body.index("Guiding") < a.body.index("The operator")


def test_a_sentence_ending_in_an_ellipsis_next_to_the_text_is_kept():
    trailing = ("Had the plane been a meteor I would have wished for a second trail in the other picture, and it "
                "would have been even better…")
    text = (f"My blog\nAbout\n\nEvening sky\n\n{DE_PARA_1}\n\n{DE_PARA_2}\n\n{trailing}\n\nShare\nLike\n\n"
            "Read about the bridge and what the council decided about the costs and the traffic during the "
            "works, and how long ...\n\nContact\n")
    a = _scraped(text)
    assert a.body.endswith("even better…") and "Read about the bridge" not in a.text
