"""dev2 annotations as anchored strings (see anchor.py). Trigger/actor mention in [brackets]."""

F = False
T = True


def A(anchor, name, country=None, igo=None, sector=None):
    return (anchor, name, country, igo, sector)


def R(trig, typ, mode, src, tgt, date, neg=F, hyp=F, hist=F):
    return (trig, typ, mode, src, tgt, date, neg, hyp, hist)


PAK = A(None, "Pakistan", "PAK")
YT = "YouTube"
IS_IMPL = A(None, "État islamique", None, None, "REB")
BXL = "Bruxelles"
BDI_AN = "Assemblée nationale du Burundi"
ICC = "Cour pénale internationale"
FICO = "Robert Fico"

ANN = {
    "2016_01_20-001": [
        R("Pakistan : YouTube est [débloqué]", "CONCEDE", None, PAK,
          A("Pakistan : [YouTube] est", YT, "USA", None, "BUS"), "2016-01-18"),
        R("le Pakistan [a mis fin] au blocage", "CONCEDE", None, A("[le Pakistan] a mis", "Pakistan", "PAK"),
          A("blocage de [YouTube] qui", YT, "USA", None, "BUS"), "2016-01-18"),
        R("mis fin au [blocage] de YouTube", "COERCE", "censor", A("[le Pakistan] a mis", "Pakistan", "PAK"),
          A("blocage de [YouTube] qui", YT, "USA", None, "BUS"), "2012-09", hist=T),
        R("le site avait [été bloqué] suite", "COERCE", "censor", PAK,
          A("[le site] avait", YT, "USA", None, "BUS"), "2012-09", hist=T),
        R("au Pakistan [filtrant] les contenus", "COERCE", "censor",
          A("[une version locale de YouTube] au Pakistan", YT, "USA", None, "BUS"), None, None),
    ],
    "2016_03_23-001": [
        R("des [attentats-suicides] frappent", "ASSAULT", "suicide-attack", IS_IMPL,
          A("frappent [Bruxelles]", BXL, "BEL"), "2016-03-22"),
        R("« [Attentats] de Bruxelles", "ASSAULT", "suicide-attack", IS_IMPL,
          A("Attentats de [Bruxelles]", BXL, "BEL"), "2016-03-22"),
        R("à la suite des [attaques] sur des infrastructures", "ASSAULT", "suicide-attack", IS_IMPL,
          A("attaques sur [des infrastructures de transport à Bruxelles]", "infrastructures de transport de Bruxelles", "BEL"),
          "2016-03-22"),
        R("Les premières [explosions] se sont", "ASSAULT", "suicide-attack", IS_IMPL,
          A("à [l' aéroport de Bruxelles] juste", "aéroport de Bruxelles", "BEL"), "2016-03-22"),
        R("8 h et [une troisième] au niveau", "ASSAULT", "suicide-attack", IS_IMPL,
          A("au niveau de [la station de métro de Maelbeek]", "station de métro de Maelbeek", "BEL"), "2016-03-22"),
        R("sont des [attentats-suicides] , et", "ASSAULT", "suicide-attack", IS_IMPL, None, "2016-03-22"),
        R("Des [coups de feu] auraient", "ASSAULT", "firearms", None, None, "2016-03-22"),
        R("Les [attaques] ont toutefois", "ASSAULT", "suicide-attack",
          A("par [l'organisation État islamique] (Daech)", "État islamique", None, None, "REB"), None, "2016-03-22"),
        R("pour échapper à l'[explosion]", "ASSAULT", "suicide-attack", IS_IMPL, None, "2016-03-22"),
        R("225 militaires [ont été déployés]", "MOBILIZE", "troops",
          A("et [225 militaires] ont", "armée belge", "BEL", None, "MIL"), None, "2016-03-22"),
    ],
    "2016_10_13-001": [
        R("acte le [retrait] du pays", "SANCTION", "withdraw", A("[l'assemblée nationale] acte", BDI_AN, "BDI", None, "LEG"),
          A("du [statut de Rome]", ICC, None, "ICC", "JUD"), "2016-10-12"),
        R("Ban Ki-Moon [appelle] le pays", "REQUEST", None, A("[Ban Ki-Moon] appelle", "Ban Ki-moon", None, "UN"),
          A("appelle [le pays] à", "Burundi", "BDI"), "2016-10-13"),
        R("décidant le [retrait] du pays", "SANCTION", "withdraw",
          A("[L'assemblée nationale du Burundi] a adopté", BDI_AN, "BDI", None, "LEG"),
          A("du [statut de Rome] c'est", ICC, None, "ICC", "JUD"), "2016-10-12"),
        R("Burundi [a adhéré] volontairement", "SUPPORT", None, A("« [Le Burundi] a adhéré", "Burundi", "BDI"),
          A("volontairement à [la CPI]", ICC, None, "ICC", "JUD"), None, hist=T),
        R("[Le retrait] est aussi", "SANCTION", "withdraw", A(None, "Burundi", "BDI"), None, "2016-10-12"),
        R("Le [passage] au Sénat", "SUPPORT", None, A("passage au [Sénat] de", "Sénat du Burundi", "BDI", None, "LEG"),
          None, None, hyp=T),
        R("l'ouverture une [enquête] visant", "ACCUSE", "investigate",
          A("[le conseil des droits de l'homme des Nations unies] a annoncé", "Conseil des droits de l'homme", None, "UN"),
          A("visant [douze personnalités]", "douze personnalités burundaises", "BDI", None, "GOV"), "2016-09-30"),
    ],
    "2016_11_23-002": [
        R("Robert Fico [traite] des journalistes", "ACCUSE", "disapprove",
          A("le premier ministre [Robert Fico] traite", FICO, "SVK", None, "GOV"),
          A("traite [des journalistes] de", "journalistes slovaques", "SVK", None, "MED"), "2016-11-23"),
        R("sont des [sales prostituées anti-slovaques]", "ACCUSE", "disapprove",
          A("[Le premier ministre slovaque Robert Fico] (Smer", FICO, "SVK", None, "GOV"),
          A("« [certains des vôtres] sont", "journalistes slovaques", "SVK", None, "MED"), "2016-11-23"),
        R("pour la [défense] du ministre", "SUPPORT", None, A(None, FICO, "SVK", None, "GOV"),
          A("défense du [ministre des affaires étrangères Miroslav Lajčák]", "Miroslav Lajčák", "SVK", None, "GOV"),
          "2016-11-23"),
        R("(Smer-DS) [accusé] d'avoir surfacturé", "ACCUSE", "allege", A(None, "Zuzana Hlávková", "SVK", None, "CVL"),
          A("défense du [ministre des affaires étrangères Miroslav Lajčák]", "Miroslav Lajčák", "SVK", None, "GOV"), None),
        R("Les [accusations] ont été formulée", "ACCUSE", "allege",
          A("par [Zuzana Hlávková], 26", "Zuzana Hlávková", "SVK", None, "CVL"), None, None),
        R("Elle [est soutenue] par", "SUPPORT", None,
          A("par [l'organisation non gouvernementale Transparency International]", "Transparency International", None, None, "NGO"),
          A("[Elle] est soutenue", "Zuzana Hlávková", "SVK", None, "CVL"), "2016-11-23"),
    ],
}
