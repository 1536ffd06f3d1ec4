"""Time expressions: found, typed and normalised against the publication date."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigie.nlp.timex import find_timexes

DCT = date(2021, 10, 18)  # the seed's publication day, a Monday


def _values(text, dct=DCT, lang="fr"):
    return {t.text: t.value for t in find_timexes(text, dct, lang)}


def test_seed_expressions(seed_annotated):
    """Every expression the issue lists for the seed (Les Echos, 18 Oct 2021)."""
    got = {}
    for t in seed_annotated.timexes:
        got.setdefault(t.text, []).append(t)
    assert {t.value for t in got["ce lundi"]} == {"2021-10-18"}
    assert [t.value for t in got["le 1er novembre"]] == ["2021-11-01"]
    assert [t.value for t in got["juin"]] == ["2021-06"]  # "La rencontre en juin"
    assert [(t.type, t.value) for t in got["la semaine dernière"]] == [("DATE", "2021-W41")]
    (following,) = got["l'année suivante"]  # after "en 2001"
    assert following.value == "2002" and following.anchor.startswith("timex@")
    anchor = int(following.anchor.split("@")[1])
    assert seed_annotated.article.text[anchor : anchor + 4] == "2001"
    (later,) = got["quatre ans plus tard"]  # after "en 2014", across "a justifié ce lundi"
    assert later.value == "2018"
    text = seed_annotated.article.text
    assert all(text[t.start : t.end] == t.text for t in seed_annotated.timexes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hier soir", ("TIME", "2021-10-17TEV")),
        ("avant-hier", ("DATE", "2021-10-16")),
        ("demain", ("DATE", "2021-10-19")),
        ("dimanche dernier", ("DATE", "2021-10-17")),
        ("lundi prochain", ("DATE", "2021-10-25")),
        ("le samedi 5 juin", ("DATE", "2021-06-05")),
        ("le 8 mars dernier", ("DATE", "2021-03-08")),
        ("le 18/10/2021", ("DATE", "2021-10-18")),
        ("il y a trois jours", ("DATE", "2021-10-15")),
        ("il y a deux ans", ("DATE", "2019")),
        ("l'an dernier", ("DATE", "2020")),
        ("cette année", ("DATE", "2021")),
        ("le mois prochain", ("DATE", "2021-11")),
        ("pendant trois ans", ("DURATION", "P3Y")),
        ("une dizaine de jours", ("DURATION", "P10D")),
        ("vingt minutes", ("DURATION", "PT20M")),
        ("chaque mardi", ("SET", "XXXX-WXX-2")),
        ("tous les ans", ("SET", "P1Y")),
        ("récemment", ("TIME", "PAST_REF")),
        ("les années 1980", ("DATE", "198")),
        ("au XXe siècle", ("DATE", "19")),
        ("mi-juin 2020", ("DATE", "2020-06")),
        ("au premier trimestre 2020", ("DATE", "2020-Q1")),
        ("l'été 2019", ("DATE", "2019-SU")),
        ("vers 17h17", ("TIME", "2021-10-18T17:17")),
    ],
)
def test_french_expressions(text, expected):
    found = find_timexes(f"Il l'a dit {text}.", DCT, "fr")
    assert [(t.type, t.value) for t in found] == [expected], found


def test_future_tense_turns_a_bare_month_forward():
    from vigie.nlp.timex import _Context, _lexicon, _Match, _month_alone

    text = "Les élections auront lieu en mars."
    start = text.index("mars")
    m = _Match(start, start + 4, "month", {"m": "mars", "mod": None, "mi": None, "rel": None}, 0)
    past = _month_alone(m, _Context(text, DCT, _lexicon("fr")))
    future = _month_alone(m, _Context(text, DCT, _lexicon("fr"), future=lambda s: True))
    assert (past[1], future[1]) == ("2021-03", "2022-03")


def test_english_expressions():
    got = _values("Yesterday at 5 p.m. Russia said talks would resume on November 1. Two years later, "
                  "in June 2019, last week, three days ago, every Tuesday, in the 1980s.", lang="en")
    assert got["Yesterday"] == "2021-10-17" and got["5 p.m."] == "2021-10-17T17:00"
    assert got["November 1"] == "2021-11-01" and got["June 2019"] == "2019-06"
    assert got["last week"] == "2021-W41" and got["three days ago"] == "2021-10-15"
    assert got["every Tuesday"] == "XXXX-WXX-2" and got["the 1980s"] == "198"


@pytest.mark.parametrize(
    "text",
    ["les 35 heures", "1 000 soldats", "2000 soldats", "le 31 février", "Il a été élu.", "la planète Mars",
     "Il est 99 h.", "le numéro 2021"],
)
def test_not_dates(text):
    """Numbers that are not dates, impossible dates: no timex rather than a wrong one."""
    assert find_timexes(text, DCT, "fr") == []


def test_no_publication_date():
    found = find_timexes("Hier, en 2014, le 3 mai 2019.", None, "fr")
    assert {t.text: t.value for t in found} == {"Hier": None, "2014": "2014", "le 3 mai 2019": "2019-05-03"}


_WORDS = st.sampled_from(
    ["hier", "demain", "lundi", "dernier", "prochain", "le", "1er", "31", "février", "juin", "2014", "ans", "plus",
     "tard", "il", "y", "a", "trois", "jours", "semaine", "l'année", "suivante", "vers", "17h17", "h", "chaque",
     "mardi", "été", "XXe", "siècle", "années", "80", "début", "fin", "mi-", "1 000", "35", "heures", "soldats",
     ",", ".", "«", "»", "Moscou", "l'", "ce", "la", "lendemain", "veille", "9999", "0", "00 h 00"]
)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_WORDS, max_size=25), day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
       lang=st.sampled_from(["fr", "en"]))
def test_any_words_any_date_never_crash(words, day, lang):
    text = " ".join(words)
    for t in find_timexes(text, day, lang):
        assert 0 <= t.start < t.end <= len(text) and text[t.start : t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), when=st.one_of(st.none(), st.datetimes()))
def test_random_text_never_crashes(text, when):
    for t in find_timexes(text, when, "fr"):
        assert text[t.start : t.end] == t.text


def test_datetime_dct_and_offsets():
    found = find_timexes("Publié hier.", datetime(2021, 10, 18, 17, 17), "fr")
    assert [(t.start, t.end, t.value, t.anchor) for t in found] == [(7, 11, "2021-10-17", "dct")]


# --- rules that read the spaCy Doc (tense, parts of speech): the test model, as the pipeline gives it ----


@pytest.fixture(scope="module")
def nlp():
    from vigie.nlp.pipeline import load_model, model_for

    return load_model(model_for("fr"))


def _found(nlp, text, dct=DCT):
    return [(t.text, t.type, t.value) for t in find_timexes(text, dct, "fr", doc=nlp(text))]


@pytest.mark.parametrize(
    "text",
    ["Jean Burget, 87 ans, a été heurté par une voiture.", "Elvis Weiss (20 ans) a un casier judiciaire.",
     "Un chauffeur de bus de 38 ans a été agressé.", "Une fillette de 6 ans s'est noyée.",
     "Âgée de 24 ans, elle a été arrêtée.", "Le tournoi des moins de 17 ans.", "Pour les enfants de 2 à 8 ans."],
)
def test_ages_are_not_durations(nlp, text):
    assert _found(nlp, text) == []


def test_spans_of_years_stay_durations(nlp):
    found = _found(nlp, "Il a écopé d'une peine de 2 ans, après un mandat de cinq ans et depuis vingt ans.")
    assert [v for _, _, v in found] == ["P2Y", "P5Y", "P20Y"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il est arrivé vers 21 h 45.", [("21 h 45", "TIME", "2021-10-18T21:45")]),  # "vers": mod APPROX, not in the span
        ("Rendez-vous à seize heures.", [("seize heures", "TIME", "2021-10-18T16:00")]),
        ("Il est sept heures et demie.", [("sept heures et demie", "TIME", "2021-10-18T07:30")]),
        ("Il part à huit heures moins le quart.", [("huit heures moins le quart", "TIME", "2021-10-18T07:45")]),
        ("Il rentre à 9 heures du soir.", [("9 heures du soir", "TIME", "2021-10-18T21:00")]),
        ("Après dix heures de négociation.", [("dix heures", "DURATION", "PT10H")]),
        ("Un vol d'une durée de 3 heures.", [("3 heures", "DURATION", "PT3H")]),
        ("Le feu a duré pendant 2 h.", [("2 h", "DURATION", "PT2H")]),
        ("Le feu a été vu vers 15 h 30, hier.", [("15 h 30, hier", "TIME", "2021-10-17T15:30")]),
        ("Les faits commis entre 0 h 30 et 4 h mardi.",
         [("0 h 30", "TIME", "2021-10-12T00:30"), ("4 h mardi", "TIME", "2021-10-12T04:00")]),
        ("Il passe tous les jours à 15 h.", [("tous les jours à 15 h", "SET", "XXXX-XX-XXT15:00")]),
        ("Il passe 16 heures chaque lundi.", [("16 heures chaque lundi", "SET", "XXXX-WXX-1T16:00")]),
    ],
)
def test_clock_times(text, expected):
    found = find_timexes(text, DCT, "fr")
    assert [(t.text, t.type, t.value) for t in found] == expected
    assert all(t.mod == "APPROX" for t in found if "vers" in text)


def test_a_clock_time_is_on_the_last_day_of_its_paragraph():
    text = ("Des coups de feu dimanche après-midi. Les premiers tirs ont eu lieu vers 18 h 55. "
            "A 20 h, deux rames sont arrivées. Jusqu'à tard dans la nuit, la police a cherché.\nA 9 h, rien.")
    got = [(t.text, t.value) for t in find_timexes(text, DCT, "fr")]
    assert got == [("dimanche après-midi", "2021-10-17TAF"), ("18 h 55", "2021-10-17T18:55"),
                   ("20 h", "2021-10-17T20:00"), ("la nuit", "2021-10-17TNI"), ("9 h", "2021-10-18T09:00")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les tireurs ont rendez-vous dimanche matin à Val-et-Châtillon.", "2021-10-24TMO"),  # present: the coming one
        ("Le bilan sera rendu public jeudi.", "2021-10-21"),  # future
        ("Il a démissionné mercredi.", "2021-10-13"),  # past
        ("Le président souffre depuis mardi d'une affection virale.", "2021-10-12"),  # "depuis": past
        ("Des coups de feu près d'Angers dimanche après-midi.", "2021-10-17TAF"),  # no verb: the past bias
        ("Plusieurs coureurs se sont rendus ce week-end à Saint-Gervais.", "2021-W41-WE"),  # the weekend just gone
        ("Il pleuvra ce week-end.", "2021-W42-WE"),
    ],
)
def test_the_tense_says_which_week(nlp, text, expected):
    (found,) = [v for _, _, v in _found(nlp, text)]
    assert found == expected


def test_the_same_weekday_is_the_one_just_named(nlp):
    text = "La garderie rouvrira lundi 25 octobre. Les inscriptions se feront ce même lundi après-midi."
    assert [v for _, _, v in _found(nlp, text)] == ["2021-10-25", "2021-10-25TAF"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ils jouent six ans après sa victoire.", [("six ans", "DURATION", "P6Y", None)]),
        ("Elles l'ont rencontré environ une heure plus tard.", [("environ une heure", "DURATION", "PT1H", "APPROX")]),
        ("Il a été sanctionné en mai et juin derniers.", [("mai", "DATE", "2021-05", None), ("juin derniers", "DATE", "2021-06", None)]),
        ("La toiture a été refaite à la fin de l'année dernière.", [("la fin de l'année dernière", "DATE", "2020", "END")]),
        ("Les chiffres seront affinés d'ici la fin de l'année.", [("ici", "DATE", "2021-10-18", None),
                                                                  ("la fin de l'année", "DATE", "2021", "END")]),
        ("Il viendra au début du mois prochain.", [("début du mois prochain", "DATE", "2021-11", "START")]),
        ("En fin d'après-midi, ils l'ont relâché.", [("fin d'après-midi", "TIME", "2021-10-18TAF", "END")]),
        ("Il est venu dans l'après-midi.", [("l'après-midi", "TIME", "2021-10-18TAF", None)]),
        ("Le mois a été long.", []),
    ],
)
def test_spans_as_timeml_draws_them(text, expected):
    assert [(t.text, t.type, t.value, t.mod) for t in find_timexes(text, DCT, "fr")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Une croissance de 0,38 % par an.", [("an", "SET", "P1Y")]),  # TimeBank marks the unit
        ("5,2 milliards de dollars par semestre.", [("semestre", "SET", "P6M")]),
        ("Elles auront lieu les deuxième et quatrième jeudis.", [("les deuxième et quatrième jeudis", "SET", "XXXX-WXX-4")]),
        ("Il dîne avec sa mère tous les week-ends.", [("tous les week-ends", "SET", "XXXX-WXX-WE")]),
        ("La réunion se tient annuellement.", [("annuellement", "SET", "P1Y")]),
        ("Il a été élu pour deux semestres.", [("deux semestres", "DURATION", "P12M")]),
        ("Une vitesse de 30 mètres par seconde.", []),
    ],
)
def test_sets(text, expected):
    assert [(t.text, t.type, t.value) for t in find_timexes(text, DCT, "fr")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le stage aura lieu du 19 au 23 juillet.", [("19", "2021-07-19"), ("23 juillet", "2021-07-23")]),
        ("Le recensement de mars-avril.", [("mars", "2021-03"), ("avril", "2021-04")]),
        ("Par rapport à la période 1982-1990.", [("1982", "1982"), ("1990", "1990")]),
        ("Pour cette saison 2002/2003.", [("2002", "2002"), ("2003", "2003")]),
        ("Des peines de prison ferme, de 8 à 24 mois.", [("8", "P8M"), ("24 mois", "P24M")]),
        ("L'équipée sauvage de la nuit de lundi à mardi.", [("la nuit de lundi à mardi", "2021-10-11TNI")]),  # the last one
        ("Le score est de 1982-1975.", []),
    ],
)
def test_ranges(text, expected):
    assert [(t.text, t.value) for t in find_timexes(text, date(2021, 10, 17), "fr")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Avant que le bilan 2001 de la délinquance soit rendu public.", [("2001", "2001")]),
        ("A l'ordre du jour : budget supplémentaire 2002, bibliothèque.", [("2002", "2002")]),
        ("Les règlements du Championnat du monde 2003, ont menacé.", [("2003", "2003")]),
        ("Les ventes de l'année 2008.", [("2008", "2008")]),
        ("Il a envoyé 2000 soldats.", []),
        ("Il habite au numéro 2021.", []),
    ],
)
def test_a_year_after_a_noun(nlp, text, expected):
    assert [(t, v) for t, _, v in _found(nlp, text)] == expected


def test_after_an_elision():
    found = find_timexes("Voir notre édition d'hier et le bonus d'avril 2017.", DCT, "fr")
    assert [(t.text, t.value) for t in found] == [("hier", "2021-10-17"), ("avril 2017", "2017-04")]


def test_an_age_in_years_after_a_noun(nlp):
    assert _found(nlp, "Une femme d'une trentaine d'années est tombée.") == []
    assert [v for _, _, v in _found(nlp, "Au cours de dix années de guerre.")] == ["P10Y"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("une heure et demie", "PT1H30M"),
        ("pendant deux heures et demie", "PT2H30M"),
        ("une demi-heure", "PT30M"),
        ("un quart d'heure", "PT15M"),
        ("depuis un quart de siècle", "P25Y"),
        ("un an et demi", "P1Y6M"),
        ("pendant 3,5 ans", "P3.5Y"),
    ],
)
def test_fractions_of_units(text, expected):
    (found,) = find_timexes(f"Il a attendu {text}.", DCT, "fr")
    assert (found.type, found.value) == ("DURATION", expected)


def test_vague_references(nlp):
    found = _found(nlp, "Nous apprenons le prochain mariage de Yohann. La croissance ralentit par rapport au recensement précédent. "
                        "Il a repoussé sa décision à une date ultérieure. L'organisme, nouvellement créé, crée un précédent.")
    assert found == [("prochain", "TIME", "FUTURE_REF"), ("précédent", "TIME", "PAST_REF"),
                     ("une date ultérieure", "TIME", "FUTURE_REF"), ("nouvellement", "TIME", "PAST_REF")]
    assert _found(nlp, "PROCHAIN MARIAGE.") == []


def test_from_now():
    found = find_timexes("Les chiffres seront affinés d'ici la fin de l'année. Partez d'ici !", DCT, "fr")
    assert [(t.text, t.type, t.value) for t in found] == [("ici", "DATE", "2021-10-18"), ("la fin de l'année", "DATE", "2021")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("les 3 prochains jours", "P3D"), ("au cours des dix derniers mois", "P10M"), ("les 5 minutes à venir", "PT5M"),
     ("ces dernières 24 heures", "PT24H")],
)
def test_recent_spans(text, expected):
    (found,) = find_timexes(f"Il le fera {text}.", DCT, "fr")
    assert (found.type, found.value) == ("DURATION", expected) and not found.text.startswith("des")


def test_a_weekday_in_a_name():
    assert find_timexes("Sans transfert des pouvoirs, l'accord du Vendredi Saint serait caduc.", DCT, "fr") == []


def test_what_french_wikinews_taught(nlp):
    """Readings checked on the demo corpus (French Wikinews), not on the dev set."""
    assert _found(nlp, "Cinq hommes et trois femmes dans l'âge de 27 à 37 ans.") == []
    assert _found(nlp, "Les prisonniers seraient des hommes entre 16 et 50 ans.") == []
    assert _found(nlp, "Le bilan de ce mouvement est sans précédent.") == []
    assert [(t.text, t.value) for t in find_timexes("Comme les moteurs dans les années 1830.", DCT, "fr")] == [
        ("les années 1830", "183")]
    (less,) = find_timexes("Il s'est formé un peu moins d'un an après la révolte.", DCT, "fr")
    assert (less.text, less.value, less.mod) == ("moins d'un an", "P1Y", "LESS_THAN")
    found = find_timexes("Il avait quitté le checkpoint à 2h59 le matin du 11 janvier.", DCT, "fr")
    assert [t.text for t in found][:2] == ["2h59", "le matin"]  # a part of the day is not a day to join
    found = find_timexes("Des pluies tombées du dimanche 10 au lundi 11 octobre.", DCT, "fr")
    assert [(t.text, t.value) for t in found] == [("dimanche 10", "2021-10-10"), ("lundi 11 octobre", "2021-10-11")]
    found = find_timexes("Des pluies tombées dans la nuit de dimanche 10 à lundi 11 octobre.", DCT, "fr")
    assert [(t.text, t.value) for t in found] == [("la nuit de dimanche 10 à lundi 11 octobre", "2021-10-10TNI")]


def test_what_french_news_summaries_taught():
    """Readings checked on a sample of French news summaries (2023–2024), not on the dev set."""
    assert find_timexes("Les Jeux olympiques d'hiver 2030 et l'heure d'été.", DCT, "fr") == []
    assert find_timexes("Le film 120 battements par minute.", DCT, "fr") == []
    found = find_timexes("Le comité sera tenu avant la fin de l'année 2024.", DCT, "fr")
    assert [(t.text, t.value, t.mod) for t in found] == [("la fin de l'année 2024", "2024", "END")]
    found = find_timexes("Un exploit réalisé entre le 16 et le 17 juillet.", DCT, "fr")
    assert [(t.text, t.value) for t in found] == [("16", "2021-07-16"), ("le 17 juillet", "2021-07-17")]
    found = find_timexes("La vigilance orange commence à partir de 18 heures.", DCT, "fr")
    assert [(t.text, t.value) for t in found] == [("18 heures", "2021-10-18T18:00")]


def test_offsets_in_hours_and_minutes():
    """With a DCT that has its time of day, a clock time; with only a day, the value can only be a day."""
    now = datetime(2021, 5, 20, 15, 30)
    assert [(t.type, t.value) for t in find_timexes("Il est parti il y a 30 minutes.", now, "fr")] == [("TIME", "2021-05-20T15:00")]
    assert [(t.type, t.value) for t in find_timexes("Il revient dans 2 heures.", now, "fr")] == [("TIME", "2021-05-20T17:30")]
    assert [(t.type, t.value) for t in find_timexes("Il est parti il y a 48 heures.", DCT, "fr")] == [("DATE", "2021-10-16")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("la première semaine de 2015", "2015-W01"),
        ("la dernière semaine de 2019", "2019-W52"),  # Tuesday 31 December 2019 is in 2020-W01
        ("la 3e semaine de 2018", "2018-W03"),
        ("la dernière semaine de juillet 2017", "2017-W30"),
        ("le 15.05.99", "1999-05-15"),
        ("le 23/06/18", "2018-06-23"),
        ("le 22/04", "2021-04-22"),  # the closest
        ("en mai 68,", "1968-05"),
        ("dans les années soixante", "196"),
        ("en 2150", "2150"),
        ("toute la journée", "P1D"),
        ("à ce jour", "PRESENT_REF"),
        ("le plus tôt possible", "FUTURE_REF"),
        ("tous les soirs à 19 h 13", "XXXX-XX-XXT19:13"),
        ("demain mardi", "2021-10-19"),
        ("à Noël", "2021-12-25"),
        ("à Pâques 2018", "2018-04-01"),
        ("pendant cette fête de Pentecôte", "2021-05-23"),
    ],
)
def test_more_french_forms(text, expected):
    (found,) = find_timexes(f"Il l'a dit {text}.", DCT, "fr")
    assert found.value == expected


def test_holidays_that_are_kinds_of_things():
    assert find_timexes("Il a acheté un sapin de Noël et fêté la Toussaint.", DCT, "fr")[0].text == "la Toussaint"
    assert find_timexes("Noël Mamère a parlé de l'ascension de la montagne.", DCT, "fr") == []


def test_the_future_tense_turns_a_day_forward(nlp):
    assert [v for _, _, v in _found(nlp, "Il rentrera le 29 mai.", date(2016, 11, 7))] == ["2017-05-29"]
    assert [v for _, _, v in _found(nlp, "Il est rentré le 29 mai.", date(2016, 11, 7))] == ["2016-05-29"]


@settings(max_examples=80, deadline=None)
@given(words=st.lists(_WORDS, max_size=25), day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
       split=st.booleans())
def test_any_words_with_a_doc_never_crash(nlp, words, day, split):
    """With the Doc's tenses and parts of speech too, as one Doc or as (offset, Doc) blocks."""
    text = " ".join(words) + "\n" + " ".join(reversed(words))
    if split:
        cut = text.index("\n") + 1
        doc = [(0, nlp(text[:cut])), (cut, nlp(text[cut:]))]
    else:
        doc = nlp(text)
    for t in find_timexes(text, day, "fr", doc=doc):
        assert 0 <= t.start < t.end <= len(text) and text[t.start : t.end] == t.text
