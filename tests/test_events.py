"""Events: PLOVER types, source and target actors, dates and flags, merged mentions."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from vigie.model import Article, Block
from vigie.nlp.events import crosswalk


def _who(arg):
    return None if arg is None else (arg.igo or arg.country)


def _find(annotated, type_, source=None, target=None, date=None):
    return [e for e in annotated.events if e.type == type_ and (source is None or _who(e.source) == source)
            and (target is None or _who(e.target) == target) and (date is None or e.date == date)]


def test_seed_events(seed_annotated):
    """The issue's seed events, with their actors and dates."""
    a = seed_annotated
    assert _find(a, "SANCTION", "RUS", "NATO", "2021-10-18")  # Russia suspends its mission to NATO
    assert _find(a, "SANCTION", "NATO", "RUS", "2021-10-18")  # NATO withdrew eight accreditations
    assert _find(a, "ACCUSE", "NATO", "RUS")  # … accused of being undeclared intelligence agents
    assert _find(a, "MOBILIZE", "RUS") and _find(a, "MOBILIZE", "BLR")  # the joint military exercise
    meeting = _find(a, "CONSULT", "USA", "USA", "2021-06") or [
        e for e in _find(a, "CONSULT", date="2021-06") if {e.source.actor, e.target.actor} == {
            "person/vladimir-putin", "person/joe-biden"}]
    assert meeting and meeting[0].historical  # Putin and Biden met in June
    visit = [e for e in _find(a, "CONSULT", "USA", "RUS") if e.source.actor == "person/victoria-nuland"]
    assert visit  # Victoria Nuland visited Moscow
    assert _find(a, "SANCTION", "NATO", "RUS", "2014")[0].historical  # cooperation suspended in 2014
    assert _find(a, "SANCTION", "NATO", "RUS", "2018")  # seven accreditations withdrawn in 2018
    text = a.article.text
    for e in a.events:
        assert text[e.trigger_start : e.trigger_end] == e.trigger
        assert e.sentence_start <= e.trigger_start < e.trigger_end <= e.sentence_end
        assert e.type in {row[0] for row in crosswalk().values() if row[0]}
        assert e.cameo and e.quad in (1, 2, 3, 4) and -10 <= e.goldstein <= 10


def _article(text: str, lang: str = "fr") -> Article:
    return Article(item="t", text=text, blocks=[Block("paragraph", 0, len(text))], language=lang,
                   published=datetime(2021, 10, 18, tzinfo=timezone.utc))


def test_flags_and_merging(annotator):
    text = ("La Russie n'a pas signé l'accord avec l'Ukraine. La France pourrait suspendre sa coopération avec "
            "le Mali. L'Otan a accusé la Russie. Selon Washington, l'Otan a accusé la Russie lundi.")
    a = annotator.annotate(_article(text))
    negated = [e for e in a.events if e.negated]
    assert negated and negated[0].source.country == "RUS"
    assert any(e.hypothetical and e.source.country == "FRA" for e in a.events)
    accusations = _find(a, "ACCUSE", "NATO", "RUS")
    assert len(accusations) == 1 and len(accusations[0].mentions) == 2  # one event, two mentions


def test_english_events(annotator):
    text = "NATO expelled eight Russian diplomats on Monday. Putin met Biden in Geneva in June."
    a = annotator.annotate(_article(text, "en"))
    assert _find(a, "SANCTION", "NATO", "RUS")
    assert [e for e in a.events if e.type == "CONSULT" and e.date == "2021-06"]


@pytest.mark.parametrize(
    "text",
    ["Le temps sera ensoleillé demain sur toute la région.",  # no actor: no event
     "Résultats : Paris 2, Lyon 1 ; Marseille 0, Nice 3 ; Lille 1, Rennes 1.",  # a table
     " ".join(["la France, l'Allemagne, l'Italie, l'Espagne et la Belgique ont signé l'accord"] * 5) + ".",  # many actors
     "Sommet de l'Otan",  # a headline without a verb
     ""],
)
def test_hard_inputs_invent_nothing(annotator, text):
    a = annotator.annotate(_article(text or " "))
    for e in a.events:
        assert e.source is not None or e.target is not None
    if "ensoleillé" in text or "Résultats" in text:
        assert a.events == []


def _types(annotated):
    return {(e.type, _who(e.source), _who(e.target)) for e in annotated.events}


def test_english_frames_light_verbs_and_intent(annotator):
    """A frame's complement is part of its event; a light verb's object is the event; a future
    cooperative act is AGREE; "X said Y must" is X's demand to Y."""
    a = annotator.annotate(_article("Iran threatened to shell Iraqi towns.", "en"))
    assert _find(a, "THREATEN", "IRN", "IRQ") and not _find(a, "ASSAULT")
    a = annotator.annotate(_article("French officials held talks with Germany on Monday.", "en"))
    assert _find(a, "CONSULT", "FRA", "DEU")
    a = annotator.annotate(_article("Finland will give Tanzania a grant of 580 million shillings.", "en"))
    assert _find(a, "AGREE", "FIN", "TZA")
    a = annotator.annotate(_article("Russia said on Tuesday that Sudan must return the helicopter.", "en"))
    assert _find(a, "REQUEST", "RUS", "SDN")


def test_french_light_verbs_lists_and_embedded_events(annotator):
    a = annotator.annotate(_article("La police turque a procédé à l'arrestation de deux journalistes."))
    assert _find(a, "COERCE", "TUR")
    a = annotator.annotate(_article("L'Arabie saoudite, l'Égypte et le Bahreïn ont rompu leurs relations "
                                    "diplomatiques avec le Qatar."))
    assert {e.source.country for e in _find(a, "SANCTION", target="QAT")} == {"SAU", "EGY", "BHR"}
    # the bombings a country will end happened; the end is announced
    a = annotator.annotate(_article("Le Canada cessera ses bombardements contre l'État islamique en Irak."))
    assert _find(a, "RETREAT", "CAN") and _find(a, "ASSAULT", "CAN")
    # an order of a strike is the strike, by the one who orders
    a = annotator.annotate(_article("Le président américain a ordonné une frappe militaire sur une base syrienne."))
    assert _find(a, "ASSAULT", "USA") and not _find(a, "REQUEST")
    # what a group denies is not coded; what a demand asks is not coded either
    a = annotator.annotate(_article("Boko Haram dément la libération des otages au Nigeria."))
    assert not _find(a, "RETREAT")
    a = annotator.annotate(_article("La Corée du Sud exige que la Corée du Nord cesse ses essais nucléaires."))
    assert _find(a, "REQUEST", "KOR", "PRK") and not _find(a, "MOBILIZE")


def _one(annotator, text, type_, lang="fr"):
    events = [e for e in annotator.annotate(_article(text, lang)).events if e.type == type_]
    assert events, f"no {type_} event in {text!r}"
    return events[0]


def test_french_argument_rules(annotator):
    # the side named in two-sided fighting acts; "Selon X" reports, it does not act
    heurts = _one(annotator, "Selon les autorités catalanes, les heurts avec la police ont fait des blessés.", "ASSAULT")
    assert heurts.source is not None and "police" in heurts.source.text and heurts.target is None
    jailed = _one(annotator, "Selon Reporters sans frontières, 150 journalistes sont emprisonnés en Turquie.", "COERCE")
    assert jailed.source is None or "Reporters" not in jailed.source.text
    # the body left is the target of a withdrawal; one's own aircraft are not
    assert _who(_one(annotator, "Le Burundi souhaite se retirer de la Cour pénale internationale.", "SANCTION")
                .target) == "ICC"
    assert _one(annotator, "Le Canada compte rapatrier ses avions de combat.", "RETREAT").target is None
    # a person named in the object is the one arrested, not the place of the arrest
    arrest = _one(annotator, "La police a procédé à l'arrestation de Carles Puigdemont à la frontière entre le "
                             "Danemark et l'Allemagne.", "COERCE")
    assert arrest.target is not None and "Puigdemont" in arrest.target.text
    # a listed name the actors stage does not know does not end the list
    a = annotator.annotate(_article("Le président a décidé de convoquer les ambassadeurs de l'Allemagne, de la "
                                    "Ruritanie et de la France."))
    assert {_who(e.target) for e in _find(a, "ACCUSE")} >= {"DEU", "FRA"}
    # a title's label acts when the violence is placed in another country, not when it is placed at home
    a = annotator.annotate(_article("Canada : fin des frappes aériennes en Irak et en Syrie"))
    assert _find(a, "ASSAULT", "CAN")
    a = annotator.annotate(_article("Mali : attaque à Tombouctou"))
    assert not _find(a, "ASSAULT", "MLI")
    # "C'est …" is nobody: the noun's "de X" acts
    assert _who(_one(annotator, "C'est le plus grand déploiement de troupes américaines en Europe.", "MOBILIZE")
                .source) == "USA"


def test_english_argument_rules(annotator):
    # an ethnic minority is coded with the country the sentence places it in
    assert _who(_one(annotator, "Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", "PROTEST", "en")
                .source) == "SRB"
    # riots against a country's policies aim at that country
    assert _who(_one(annotator, "Palestinian riots against Israeli military policies are still continuing.",
                     "PROTEST", "en").target) == "ISR"
    # "as the opposition threatened …" is not the purpose of a resignation
    assert _one(annotator, "Georgian President Eduard Shevardnadze resigned Sunday as the opposition threatened "
                           "to storm his residence in Tbilisi.", "RETREAT", "en").target is None


def test_english_stative_passives_demands_and_places(annotator):
    # "is committed to" is a state of its subject, not a passive with an unnamed agent
    assert _who(_one(annotator, "The minister said Vietnam is committed to opening up the economy.", "AGREE", "en")
                .source) == "VNM"
    # a reminder to X is a demand made of X
    reminder = _one(annotator, "French President Jacques Chirac issued a stern reminder Saturday to Iraq that it must "
                               "cooperate fully with UN inspectors.", "REQUEST", "en")
    assert (_who(reminder.source), _who(reminder.target)) == ("FRA", "IRQ")
    # a protest's purpose names its target; an act on power lines reaches the place they lead to
    assert _who(_one(annotator, "Demonstrators in Baghdad blocked a road to show their disapproval for the United "
                                "States' military policies.", "PROTEST", "en").target) == "USA"
    assert _who(_one(annotator, "Afghan guerillas blew up three main electric power lines leading into Kabul last "
                                "month.", "COERCE", "en").target) == "AFG"


def _titled(title: str, body: str) -> Article:
    text = f"{title}\n\n{body}"
    start = len(title) + 2
    return Article(item="t", text=text, blocks=[Block("title", 0, len(title)), Block("paragraph", start, len(text))],
                   language="fr", published=datetime(2021, 10, 18, tzinfo=timezone.utc))


def test_french_rules_of_the_second_argument_round(annotator):
    # a sentence the parser cut at a hyphen or a headline's colon runs on ("le Royaume" | "-" | "Uni" | "a
    # expulsé"; "Turquie :" | "tentative …"): fr_core_news_md cuts there, the small model does not
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from vigie.nlp.events import _run_start

    words = ["Turquie", ":", "tentative", "de", "coup", ".", "Le", "Royaume", "-", "Uni", "a", "expulsé", "."]
    starts = [True, False, True, False, False, False, True, False, True, True, True, False, False]
    sents = list(Doc(Vocab(), words=words, sent_starts=starts).sents)
    assert [_run_start(s) for s in sents] == [0, 0, 6, 6, 6, 6]  # "tentative" follows a colon, "Le" a full stop
    # a body of an organisation acts for the organisation, as the gold format codes it
    accuse = _one(annotator, "Le Conseil de sécurité des Nations unies a condamné la Corée du Nord.", "ACCUSE")
    assert accuse.source is not None and accuse.source.igo == "UN"
    # subjects hung on the verb one by one are joint sources
    a = annotator.annotate(_article("Le président de la Commission de l'Union africaine, le premier ministre "
                                    "burkinabè ainsi que le président français ont condamné les attentats."))
    assert {_who(e.source) for e in _find(a, "ACCUSE")} >= {"AU", "FRA"}
    # a headline's country acts in an agentless state act on its own people, and is a domestic agent's country
    a = annotator.annotate(_titled("Turquie : deux journalistes libérés",
                                   "Deux journalistes turcs ont été libérés vendredi."))
    assert any(_who(e.source) == "TUR" for e in a.events if e.type in ("RETREAT", "CONCEDE"))
    # a protest's demand is the protest, not a request of its own
    a = annotator.annotate(_article("Des émeutes ont éclaté à Libreville, demandant le départ du président Ali Bongo."))
    assert _find(a, "PROTEST") and not _find(a, "REQUEST")
    # a participle with a determiner is a person, not an act
    a = annotator.annotate(_article("La garde républicaine a attaqué le quartier général de son opposant Jean Ping."))
    assert _find(a, "ASSAULT") and not _find(a, "REJECT")
    # the coup's "d'État" is no actor
    coup = _one(annotator, "Le Premier ministre dénonce une tentative de coup d'État en Turquie.", "COERCE")
    assert coup.source is None or "État" not in coup.source.text


def test_french_triggers_by_cameo_category(annotator):
    """Trigger rows added category by category (CAMEO 04–20), not for one document: each codes its
    type, with the right sides; verbs conjugated with "être" are active ("sont intervenus")."""
    cases = [
        ("Les États-Unis sont intervenus contre l'armée syrienne.", "ASSAULT", "USA", "SYR"),
        ("L'armée russe a pilonné Alep.", "ASSAULT", "RUS", None),
        ("La police turque a placé en garde à vue trois journalistes.", "COERCE", "TUR", None),
        ("Le Japon a remercié la Corée du Sud.", "SUPPORT", "JPN", "KOR"),
        ("La Russie a dépêché des troupes en Crimée.", "MOBILIZE", "RUS", None),
        ("Le Maroc a dépêché un émissaire à Alger.", "CONSULT", "MAR", None),
        ("Les Philippines ont reçu un appel téléphonique du président chinois.", "CONSULT", "PHL", "CHN"),
        ("La police française a ouvert le feu.", "ASSAULT", "FRA", None),
    ]
    for text, type_, source, target in cases:
        a = annotator.annotate(_article(text))
        assert _find(a, type_, source, target), (text, [(e.type, _who(e.source), _who(e.target)) for e in a.events])
    # an "appel" that is a phone call is no demand; a guard row keeps "dépêcher" alone from coding
    a = annotator.annotate(_article("Les Philippines ont reçu un appel téléphonique du président chinois."))
    assert not _find(a, "REQUEST")
    a = annotator.annotate(_article("Le ministre s'est dépêché de rentrer à Paris."))
    assert not a.events


def test_an_act_dated_after_the_article_is_hypothetical(annotator):
    # the article is of 2021-10-18: a meeting set for next March, told in the present, has not happened
    later = _one(annotator, "Le président français rencontre le président algérien le 5 mars 2022.", "CONSULT")
    assert later.date == "2022-03-05" and later.hypothetical
    done = _one(annotator, "Le président français a rencontré le président algérien le 17 octobre 2021.", "CONSULT")
    assert done.date == "2021-10-17" and not done.hypothetical


def test_french_rules_of_the_third_round(annotator):
    """Issue 7, third round: rules read on the errors of both French dev sets, each general."""
    # the possessive of an act done to a person is the one it is done to, not who does it
    a = annotator.annotate(_article("La police turque a procédé à son arrestation mardi."))
    arrest = _find(a, "COERCE")
    assert arrest and arrest[0].target is not None and arrest[0].target.text.lower() == "son"
    assert arrest[0].source is not None and arrest[0].source.country == "TUR"
    # a person noun is a participant: a passive arrest of "un adolescent" is an event with its target
    a = annotator.annotate(_titled("France : un adolescent arrêté", "Un adolescent a été arrêté mercredi à Paris."))
    assert any(e.target is not None and "adolescent" in e.target.text for e in _find(a, "COERCE"))
    # "mettre en garde à vue" is an arrest, "mettre en garde" a warning
    assert _one(annotator, "La police a mis en garde à vue le journaliste turc.", "COERCE")
    assert not _find(annotator.annotate(_article("La police a mis en garde à vue le journaliste turc.")), "THREATEN")
    # "anti-X" names whom a protest is against; with no one named, the headline's people protest
    a = annotator.annotate(_titled("États-Unis : manifestations anti-Trump",
                                   "Des manifestations anti-Trump ont eu lieu à New York."))
    protests = _find(a, "PROTEST")
    assert protests and any(e.target is not None and e.target.text == "Trump" for e in protests)
    assert all(_who(e.source) == "USA" for e in protests)
    # the claimant of a claimed attack is its source
    a = annotator.annotate(_article("Les attaques de Jakarta sont revendiquées par l'organisation État islamique."))
    assert any(e.source is not None and "islamique" in e.source.text for e in _find(a, "ASSAULT"))
    # an opinion is no trial; an acronym is a name, not an act
    a = annotator.annotate(_article("Theresa May a jugé que ce n'était pas le bon moment pour un référendum."))
    assert not _find(a, "COERCE")
    a = annotator.annotate(_article("La DGSI, appuyée par le RAID, a mené l'arrestation du suspect."))
    assert not [e for e in a.events if e.trigger == "RAID"]
    # a thing received is no meeting
    a = annotator.annotate(_article("Le jeune homme a reçu une dizaine de décharges électriques de la police."))
    assert not _find(a, "CONSULT")


def test_french_arguments_of_the_generalisation_round(annotator):
    """Issue 7, generalisation round: argument rules that are not tied to any dev article."""
    # person nouns of the data file are participants: a passive's subject undergoes the act
    a = annotator.annotate(_article("Le chauffeur du car a été menacé par un passager."))
    threat = _find(a, "THREATEN")
    assert threat and "chauffeur" in threat[0].target.text and "passager" in threat[0].source.text
    a = annotator.annotate(_article("Au moins vingt personnes ont été interpellées à Lyon samedi."))
    arrest = _find(a, "COERCE")
    assert arrest and "personnes" in arrest[0].target.text
    # a passive relative clause: its antecedent is the one the act is done to
    a = annotator.annotate(_article("Le journaliste Jean Dubreuil, qui avait été arrêté lundi, a été libéré mercredi."))
    arrest = [e for e in _find(a, "COERCE") if e.trigger.endswith("arrêté")]
    assert arrest and arrest[0].target is not None and "journaliste" in arrest[0].target.text
    # "contre X" hung on the means of an attack ("au couteau", "à la grenade") still names its target
    a = annotator.annotate(_article("Une attaque au couteau contre des passants a fait trois blessés."))
    attack = _find(a, "ASSAULT")
    assert attack and attack[0].target is not None and "passants" in attack[0].target.text
    # the claimant of an attack named in a participle on the noun is its source
    a = annotator.annotate(_article("Il a condamné l'attaque revendiquée par les Brigades rouges."))
    attack = _find(a, "ASSAULT")
    assert attack and attack[0].source is not None and "Brigades" in attack[0].source.text
    # a thing is still no participant: a rejected budget has no target
    a = annotator.annotate(_article("Le budget a été rejeté par le Parlement."))
    assert all(e.target is None for e in _find(a, "REJECT"))
    # an attack is an act even when the sentence names no one (GUIDELINES §1: coded with null actors)
    a = annotator.annotate(_article("L'attaque a eu lieu peu après minuit près de la gare."))
    assert _find(a, "ASSAULT")
    assert not annotator.annotate(_article("La situation reste calme dans la capitale.")).events
    # a thing set on fire or hit in a passive is the attack's target, known by its words
    a = annotator.annotate(_article("Un entrepôt a été incendié dans la nuit de samedi."))
    fire = _find(a, "ASSAULT")
    assert fire and fire[0].target is not None and "entrepôt" in fire[0].target.text and fire[0].source is None
    # who undergoes an attack named by a noun: the subject of "essuyer", or what a participle
    # with the attack as its agent is said of
    a = annotator.annotate(_article("Le convoi a subi des tirs nourris."))
    shots = _find(a, "ASSAULT")
    assert shots and shots[0].target is not None and "convoi" in shots[0].target.text and shots[0].source is None
    a = annotator.annotate(_article("Le cortège du ministre visé par des tirs."))
    shots = _find(a, "ASSAULT")
    assert shots and shots[0].target is not None and "ministre" in shots[0].target.text
    # in "rendre visite à X" the noun is part of the act; X is whom it is aimed at
    visit = _one(annotator, "La ministre a rendu visite à son homologue allemand mardi.", "CONSULT")
    assert visit.target is not None and visit.target.country == "DEU"
    # taking or retaking ground is COERCE (CAMEO 192, occupy territory); "prendre position" is not
    assert _one(annotator, "L'armée a repris trois villages au nord de la capitale.", "COERCE").mode == "seize"
    for text in ("Le ministre a pris position contre la réforme.", "Les négociations ont repris lundi à Genève."):
        assert not _find(annotator.annotate(_article(text)), "COERCE")
    # a headline's bare participle with a subject is a passive: the subject undergoes the act
    a = annotator.annotate(_titled("Mali : Jean Dupuis libéré !", "Il était détenu depuis mars."))
    release = _find(a, "RETREAT")
    assert release and release[0].target is not None and release[0].target.text == "Jean Dupuis"
    assert release[0].source is None or release[0].source.text != "Jean Dupuis"
    # a city that names an agreement is no party to it; a party named with "avec" still is
    for text in ("Le Brésil a ratifié l'accord de Paris sur le climat.", "Le Canada a signé le protocole de Kyoto en 1998."):
        sign = _one(annotator, text, "SUPPORT")
        assert sign.source is not None and sign.target is None
    assert _who(_one(annotator, "La France a signé un accord avec le Mali.", "SUPPORT").target) == "MLI"
    # coordinated targets that share their codes are one record (GUIDELINES §5.4); differing codes split
    a = annotator.annotate(_article("La police a interpellé des militants, des journalistes et des avocats."))
    assert len(_find(a, "COERCE")) == 1
    a = annotator.annotate(_article("La police a arrêté un Français et un Belge."))
    assert {_who(e.target) for e in _find(a, "COERCE")} == {"FRA", "BEL"}
    # "grâce à l'aide de X": who is helped is the subject of the clause the help serves
    aid = _one(annotator, "Les rebelles progressent grâce à l'aide de l'armée turque.", "AID")
    assert _who(aid.source) == "TUR" and aid.target is not None and "rebelles" in aid.target.text


def test_french_type_recall_round(annotator):
    """Issue 7, type recall round: general French vocabulary and structures, no dev article's words."""
    # a passive deployment: the forces sent are who shows force (the source), not a target
    a = annotator.annotate(_article("Les militaires ont été déployés dans la capitale."))
    deployed = _find(a, "MOBILIZE")
    assert deployed and "militaires" in deployed[0].source.text and deployed[0].target is None
    a = annotator.annotate(_article("Plus de 700 policiers ont été mobilisés samedi."))
    assert any(e.source is not None and "policiers" in e.source.text for e in _find(a, "MOBILIZE"))
    # an apology is a verbal concession; meeting demands yields to them
    a = annotator.annotate(_article("La ministre a présenté ses excuses aux habitants."))
    apology = _find(a, "CONCEDE")
    assert apology and "ministre" in apology[0].source.text and not _find(a, "SUPPORT")
    a = annotator.annotate(_article("Le préfet a satisfait les revendications des grévistes."))
    assert _find(a, "CONCEDE")
    # a movement verb is a troop movement only when armed forces move (lexicon rows keyed "@force")
    a = annotator.annotate(_article("Les soldats continuent d'avancer dans la ville."))
    advance = _find(a, "MOBILIZE")
    assert advance and "soldats" in advance[0].source.text
    assert not annotator.annotate(_article("Le projet de loi avance lentement au Parlement.")).events
    # armed forces pulling back or laying down arms retreat; returning property is RETREAT/return
    a = annotator.annotate(_article("Les troupes se sont retirées de la ville."))
    assert any(e.mode == "withdraw" and "troupes" in e.source.text for e in _find(a, "RETREAT"))
    a = annotator.annotate(_article("Les rebelles ont déposé les armes."))
    assert _find(a, "RETREAT") and _find(a, "RETREAT")[0].mode == "disarm"
    a = annotator.annotate(_article("Le musée a restitué la statue au Mexique."))
    assert _find(a, "RETREAT", target="MEX")
    assert not annotator.annotate(_article("Le chômage recule en France.")).events
    # taking or freeing a named place is COERCE/seize ("@lieu" rows); freeing people stays RETREAT/release
    a = annotator.annotate(_article("L'armée malienne a repris Kidal samedi."))
    assert any(e.mode == "seize" and "armée" in e.source.text for e in _find(a, "COERCE"))
    a = annotator.annotate(_article("Les rebelles touareg ont libéré Kidal après trois jours de combats."))
    assert _find(a, "COERCE") and not _find(a, "RETREAT")
    a = annotator.annotate(_article("Les rebelles ont libéré les otages."))
    assert _find(a, "RETREAT") and _find(a, "RETREAT")[0].mode == "release"
    # shooting at or ramming into people ("@cible": "sur"/"contre" a person or group), shots heard,
    # a hijacking, a cyber attack are ASSAULT; shooting at a thing is not
    a = annotator.annotate(_article("Un homme a tiré sur des policiers à Lyon."))
    assert any(e.target is not None and "policiers" in e.target.text for e in _find(a, "ASSAULT"))
    a = annotator.annotate(_article("Une voiture a foncé sur la foule à Lyon."))
    assert any(e.target is not None and "foule" in e.target.text for e in _find(a, "ASSAULT"))
    assert not annotator.annotate(_article("Il a tiré sur la corde.")).events
    assert _find(annotator.annotate(_article("Des coups de feu ont été entendus près de la gare.")), "ASSAULT")
    assert _find(annotator.annotate(_article("Un avion de la compagnie Air France a été détourné.")), "ASSAULT")
    a = annotator.annotate(_article("Le ministère a été visé par une cyberattaque."))
    assert any(e.target is not None and "ministère" in e.target.text for e in _find(a, "ASSAULT"))
    # a battle is fighting (ASSAULT); "guerre" was tried and left out (false events on the old dev gold)
    a = annotator.annotate(_article("La bataille pour le contrôle de la ville oppose l'armée syrienne aux rebelles."))
    assert _find(a, "ASSAULT")
    # labelling someone's act ("qualifier … de"), grievances and an indictment ("mise en examen") are
    # ACCUSE; qualifying for a final is not
    a = annotator.annotate(_article("Le ministre a qualifié ces propos d'inacceptables, a déclaré l'Élysée."))
    assert _find(a, "ACCUSE")
    assert not annotator.annotate(_article("La France s'est qualifiée pour la finale du Mondial.")).events
    a = annotator.annotate(_article("Les syndicats ont exposé leurs griefs contre le gouvernement français."))
    assert _find(a, "ACCUSE", target="FRA")
    a = annotator.annotate(_article("Le juge a prononcé la mise en examen du maire de Lyon."))
    assert _find(a, "ACCUSE")
    # leaving a treaty or body is SANCTION/withdraw, also when the noun names who leaves first
    a = annotator.annotate(_article("Le Parlement kényan a voté le retrait du pays de la convention de Genève."))
    assert any(e.mode == "withdraw" for e in _find(a, "SANCTION")) and not _find(a, "RETREAT")
    # force used or shown and investigations are coded with no one named (GUIDELINES §1); a meeting is not
    assert _find(annotator.annotate(_article("Une enquête a été ouverte samedi pour homicide.")), "ACCUSE")
    assert _find(annotator.annotate(_article("Un couvre-feu a été instauré dans la nuit.")), "COERCE")
    assert _find(annotator.annotate(_article("Des renforts ont été déployés dans le quartier.")), "MOBILIZE")
    assert not annotator.annotate(_article("La rencontre a eu lieu samedi.")).events
    # a mobilisation of forces is MOBILIZE, of anyone else a protest movement
    a = annotator.annotate(_article("Les syndicats français ont annoncé une nouvelle mobilisation contre la réforme."))
    assert _find(a, "PROTEST") and not _find(a, "MOBILIZE")
    assert _find(annotator.annotate(_article("La mobilisation des réservistes inquiète la Russie.")), "MOBILIZE")
    # a call to strike or to march is the callers' protest; a call to vote stays a request
    a = annotator.annotate(_article("Les syndicats de la SNCF appellent à la grève."))
    assert _find(a, "PROTEST") and not _find(a, "REQUEST")
    assert _find(annotator.annotate(_article("Les syndicats de la SNCF ont appelé à manifester samedi.")), "PROTEST")
    assert _find(annotator.annotate(_article("Le président a appelé les Français à voter.")), "REQUEST")


def test_the_de_complement_of_a_violent_act_on_a_person_is_its_victim(annotator):
    """"l'empoisonnement de X", "la torture de X": X is who suffers it, not who acts (the seed's
    Skripal was coded as the poisoner)."""
    for text, victim in (("Le Royaume-Uni a accusé Moscou après l'empoisonnement de Sergueï Skripal.", "Skripal"),
                         ("Amnesty dénonce la torture de Mohamed Lamine par la police.", "Lamine")):
        acts = _find(annotator.annotate(_article(text)), "ASSAULT")
        assert acts, text
        assert acts[0].target is not None and victim in acts[0].target.text, text
        assert acts[0].source is None or victim not in acts[0].source.text, text


def test_french_argument_round_2(annotator):
    """Issue 7, argument round 2: general French syntax for sources and targets, made-up sentences."""
    # a passive infinitive or participle with no agent: its controller undergoes the act (target)
    a = annotator.annotate(_article("Le ministre français vient d'être mis en examen."))
    charged = _find(a, "ACCUSE")
    assert charged and charged[0].source is None and "ministre" in charged[0].target.text
    a = annotator.annotate(_article("Le maire de la ville doit être arrêté demain."))
    arrest = _find(a, "COERCE")
    assert arrest and arrest[0].source is None and "maire" in arrest[0].target.text
    # a reflexive verb with "être" is no passive: its subject still acts
    a = annotator.annotate(_article("Les syndicats ont manifesté, puis se sont indignés du silence du ministre."))
    assert not any(e.target is not None and "syndicats" in e.target.text for e in a.events)
    # "l'auteur de l'attentat": the author noun is the act's source
    a = annotator.annotate(_article("L'auteur de l'attentat contre la mairie est toujours en fuite."))
    attack = _find(a, "ASSAULT")
    assert attack and attack[0].source is not None and "auteur" in attack[0].source.text
    # a person aimed at with "sur"/"contre" wins over the thing the verb takes ("une balle")
    a = annotator.annotate(_article("Il a tiré une balle sur un policier."))
    assert any(e.target is not None and "policier" in e.target.text for e in _find(a, "ASSAULT"))
    # compound prepositions naming whom an act is aimed at: the target, never the source
    a = annotator.annotate(_article("La France a adopté des sanctions à l'égard de l'Iran."))
    assert any(_who(e.target) == "IRN" and _who(e.source) != "IRN" for e in a.events)
    a = annotator.annotate(_article("Le ministre a lancé des accusations à l'encontre du maire."))
    assert any(e.target is not None and "maire" in e.target.text for e in _find(a, "ACCUSE"))
    # "avec le soutien de X", "a obtenu le soutien de X": X gives the support, the subject gets it
    a = annotator.annotate(_article("Le Mali a été élu avec le soutien de la France."))
    assert _find(a, "SUPPORT", "FRA", "MLI")
    a = annotator.annotate(_article("Le président a obtenu le soutien de l'Allemagne."))
    backing = _find(a, "SUPPORT", "DEU")
    assert backing and "président" in backing[0].target.text
    # "le procès de X": X is tried (the target); with no one named, the trial is the justice of the
    # country the headline's label names (GUIDELINES §5.2, implicit actors from title labels)
    a = annotator.annotate(_titled("Belgique : un terroriste devant les juges", "Le procès du terroriste a été suspendu jeudi."))
    trial = _find(a, "COERCE", "BEL")
    assert trial and trial[0].source.sector == "JUD" and "terroriste" in trial[0].target.text
    a = annotator.annotate(_article("Belgique : mise en garde du ministre"))
    assert not any(e.source is not None and e.source.sector == "JUD" for e in a.events)
    # a pronoun subject of a passive attack is who is hit; "l'un des policiers" is a participant
    a = annotator.annotate(_article("Le chauffeur a été blessé. Celui-ci a été tué par balle."))
    assert any(e.target is not None and e.target.text.startswith("Celui") for e in _find(a, "ASSAULT"))
    a = annotator.annotate(_article("Il a tiré sur l'un des policiers."))
    assert any(e.target is not None and "policiers" in e.target.text for e in _find(a, "ASSAULT"))
    # a meeting that frames a clause ("lors d'une rencontre avec Y"): who acts in the clause meets Y
    a = annotator.annotate(_article("Le président russe a fait cette annonce lors d'une rencontre avec le Premier ministre allemand."))
    assert _find(a, "CONSULT", "RUS", "DEU")
    a = annotator.annotate(_article("Cette décision a été prise par le président français lors d'une rencontre avec le "
                                    "Premier ministre allemand."))
    assert _find(a, "CONSULT", "FRA", "DEU")
    # leaving a treaty: the treaty is the target by its words, and a city naming it is no party
    a = annotator.annotate(_article("Le président a annoncé le retrait des États-Unis de l'accord de Paris."))
    leaving = _find(a, "SANCTION")
    assert leaving and "accord" in leaving[0].target.text and _who(leaving[0].target) != "FRA"
    # "le pays" in a story the headline puts in a country is that country
    a = annotator.annotate(_titled("Burundi : vote au Parlement", "Les députés ont voté le retrait du pays du statut de Rome."))
    leaving = _find(a, "SANCTION")
    assert leaving and "statut de Rome" in leaving[0].target.text and _who(leaving[0].source) == "BDI"
    # a weapon after "de" is the means of an attack, not its target; its owner acts
    a = annotator.annotate(_article("Les bombardements de missiles israéliens ont fait dix morts."))
    strikes = _find(a, "ASSAULT")
    assert strikes and _who(strikes[0].source) == "ISR" and _who(strikes[0].target) != "ISR"


def test_participant_noun_tagged_as_participle():
    """A participant noun the tagger took for a participle ("par l'assaillant" as VERB) is still a
    participant when a determiner introduces it; a real participle is not."""
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    from vigie.nlp.events import _participant

    vocab = spacy.blank("fr").vocab
    doc = Doc(vocab, words=["par", "l'", "assaillant"], pos=["ADP", "DET", "VERB"], heads=[2, 2, 2],
              deps=["case", "det", "ROOT"])
    assert _participant(doc[2])
    doc = Doc(vocab, words=["les", "manifestants"], pos=["DET", "ADJ"], heads=[1, 1], deps=["det", "ROOT"])
    assert _participant(doc[1])
    doc = Doc(vocab, words=["le", "document", "signé"], pos=["DET", "NOUN", "VERB"], heads=[1, 1, 1],
              deps=["det", "ROOT", "acl"])
    assert not _participant(doc[2])  # no determiner of its own: a participle


def test_the_seed_codes_no_attack(seed_annotated):
    """« Cette décision intervient quelques jours après … » (occurs) and the « cyberattaques » the
    Westerners accuse Russia of (the content of an accusation, GUIDELINES §7) are no attacks."""
    attacks = [(e.trigger, e.date) for e in seed_annotated.events if e.type == "ASSAULT" and not e.historical]
    assert not attacks


def test_what_an_accusation_alleges_is_not_coded(annotator):
    a = annotator.annotate(_article("L'Otan accuse la Russie d'espionnage et de cyberattaques contre ses membres. "
                                    "Cette annonce intervient après la fermeture de la mission."))
    assert _find(a, "ACCUSE", "NATO", "RUS")
    assert not [e for e in a.events if e.type == "ASSAULT"]
    b = annotator.annotate(_article("Les soldats français sont intervenus au Mali."))
    assert [e for e in b.events if e.type == "ASSAULT"]  # armed forces intervening still are


def test_a_person_condemned_is_sentenced_an_act_condemned_is_criticised(annotator):
    a = annotator.annotate(_article("L'ancien ministre Jérôme Cahuzac a été condamné jeudi à trois ans de prison."))
    assert [e.type for e in a.events if e.trigger.startswith("condamn")] == ["COERCE"]
    b = annotator.annotate(_article("Le président français Emmanuel Macron a condamné l'attentat."))
    assert [e.type for e in b.events if e.trigger.startswith("condamn")] == ["ACCUSE"]


def test_a_harm_is_coded_alone_and_folded_into_the_attack_that_caused_it(annotator):
    a = annotator.annotate(_article("Un policier a été blessé au couteau samedi à Bruxelles."))
    assert [e.trigger for e in a.events if e.type == "ASSAULT"] == ["blessé"]
    b = annotator.annotate(_article("L'explosion d'une voiture piégée a tué deux soldats et blessé dix personnes samedi."))
    assert "blessé" not in [e.trigger for e in b.events]
    c = annotator.annotate(_article("La police a perquisitionné le domicile du suspect."))
    assert [e.type for e in c.events] == ["ACCUSE"]


def test_protesters_blocking_is_a_protest_authorities_blocking_a_restriction(annotator):
    a = annotator.annotate(_article("Les manifestants ont bloqué le dépôt pétrolier de Fos-sur-Mer lundi."))
    assert [e.type for e in a.events if e.trigger.startswith("bloqu")] == ["PROTEST"]
    b = annotator.annotate(_article("Le gouvernement algérien a bloqué les réseaux sociaux lundi."))
    assert [e.type for e in b.events if e.trigger.startswith("bloqu")] == ["COERCE"]
