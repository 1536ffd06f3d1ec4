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

USA_MIL = A(None, "États-Unis", "USA", None, "MIL")
AQPA = "Al-Qaïda dans la péninsule arabique"
TRUMP_IMPL = A(None, "Donald Trump", "USA", None, "GOV")
WATSON = "Derrick Watson"
TUR_AUTH = A(None, "autorités turques", "TUR", None, "GOV")
WP = "Wikipédia"
VEN_OPP = "opposants vénézuéliens"

ANN.update({
    "2017_01_22-001": [
        R("tués par des [tirs] de drones", "ASSAULT", "heavy-weapons", USA_MIL,
          A("des [membres d’Al-Qaïda] tués", AQPA, None, None, "REB"), "2017-01-22"),
        R("dans deux [attaques] de drones", "ASSAULT", "heavy-weapons", USA_MIL,
          A("[trois hommes présumés membres d' Al-Qaïda dans la péninsule arabique] (AQPA)", AQPA, None, None, "REB"),
          "2017-01-22"),
        R("Ces bombardements sont d'ailleurs [critiqués]", "ACCUSE", "disapprove",
          A("par [des ONG]", "ONG", None, None, "NGO"), None, "2017-01-22"),
        R("Si ces [frappes] sont bien", "ASSAULT", "heavy-weapons",
          A("d'origine [américaine]", "États-Unis", "USA"), None, "2017-01-22"),
        R("Depuis l'augmentation des [bombardements] de drones", "ASSAULT", "heavy-weapons",
          A("de drones [américains] dans", "États-Unis", "USA"), None, None),
    ],
    "2017_03_15-002": [
        R("version du [décret migratoire] de Trump bloquée", "COERCE", "ban",
          A("migratoire de [Trump] bloquée", "Donald Trump", "USA", None, "GOV"), None, "2017-03-06"),
        R("de Trump [bloquée]\n", "REJECT", None, A(None, WATSON, "USA", None, "JUD"),
          A("migratoire de [Trump] bloquée", "Donald Trump", "USA", None, "GOV"), "2017-03-15"),
        R("La nouvelle version du [décret migratoire] du président", "COERCE", "ban",
          A("du [président américain Donald Trump] vient", "Donald Trump", "USA", None, "GOV"), None, "2017-03-06"),
        R("vient d'[être bloquée] aujourd'hui", "REJECT", None,
          A("par [le juge fédéral Derrick Watson] de", WATSON, "USA", None, "JUD"),
          A("du [président américain Donald Trump] vient", "Donald Trump", "USA", None, "GOV"), "2017-03-15"),
        R("Il [estime] que le décret", "ACCUSE", "allege", A("[Il] estime", WATSON, "USA", None, "JUD"), None, "2017-03-15"),
        R("estime que le [décret] comprend", "COERCE", "ban", TRUMP_IMPL, None, "2017-03-06"),
        R("mouture [avait été signée] le 6 mars", "COERCE", "ban", TRUMP_IMPL, None, "2017-03-06"),
        R("majeurs sur ce [décret], qui", "COERCE", "ban", TRUMP_IMPL, None, "2017-03-06"),
        R("avait notamment [été retirée] de la liste", "CONCEDE", None, A(None, "gouvernement américain", "USA", None, "GOV"),
          A("[L' Irak] avait", "Irak", "IRQ"), "2017-03-06"),
        R("frappés d'[interdiction totale d'entrée]", "COERCE", "ban", A(None, "gouvernement américain", "USA", None, "GOV"),
          None, "2017-03-06"),
        R("Le premier [décret] avait été suspendu", "COERCE", "ban", TRUMP_IMPL, None, "2017-01", hist=T),
        R("décret [avait été suspendu] le 3 février", "REJECT", None,
          A("par [un juge fédéral] au bout", "juge fédéral", "USA", None, "JUD"), None, "2017-02-03"),
        R("Il lui [était reproché] de discriminer", "ACCUSE", "allege", None, None, None),
    ],
    "2017_04_29-002": [
        R("L'accès à Wikipédia [bloqué] en Turquie", "COERCE", "censor", TUR_AUTH,
          A("accès à [Wikipédia] bloqué", WP, None, None, "MED"), "2017-04-29"),
        R("Wikipédia [ont été bloqués] en Turquie", "COERCE", "censor",
          A("par [les autorités] à 5", "autorités turques", "TUR", None, "GOV"),
          A("à [l'encyclopédie Wikipédia] ont", WP, None, None, "MED"), "2017-04-29"),
        R("filtres utilisés pour [censurer] le contenu", "COERCE", "censor", TUR_AUTH, None, "2017-04-29"),
        R("Cette [fermeture] a été confirmée", "COERCE", "censor", TUR_AUTH, None, "2017-04-29"),
        R("ont déjà été [fermés] temporairement", "COERCE", "censor", TUR_AUTH,
          A("comme [les réseaux populaires Facebook , Twitter et Youtube]", "Facebook, Twitter et YouTube", "USA", None, "BUS"),
          None, hist=T),
        R("nous pouvons [prendre ce genre de mesures]", "COERCE", "censor",
          A("[nous] pouvons", "gouvernement turc", "TUR", None, "GOV"), None, None, hyp=T),
    ],
    "2017_04_19-001": [
        R("d'un manifestant [tué] par balles", "ASSAULT", "firearms", None,
          A("d'[un manifestant] tué", VEN_OPP, "VEN", None, "OPP"), "2017-04-19"),
        R("17 ans [a été blessé] à la tête", "ASSAULT", "firearms", None,
          A("[Un jeune manifestant de 17 ans] a", VEN_OPP, "VEN", None, "OPP"), "2017-04-19"),
        R("au cours d'une [marche] d'opposition", "PROTEST", "demo", A(None, VEN_OPP, "VEN", None, "OPP"),
          A("au [président Nicolás Maduro]", "Nicolás Maduro", "VEN", None, "GOV"), "2017-04-19"),
        R("ont également [lancé] des grenades", "ASSAULT", None, A("[Ils] circulaient", "tireurs inconnus"),
          A("sur [des opposants] qui", VEN_OPP, "VEN", None, "OPP"), "2017-04-19"),
        R("des opposants qui [manifestaient]", "PROTEST", "demo",
          A("sur [des opposants] qui", VEN_OPP, "VEN", None, "OPP"), None, "2017-04-19"),
    ],
})

DEU_MIN = "ministères allemands"
SARKO = "Nicolas Sarkozy"
BENALLA = "Alexandre Benalla"
ELYSEE = A(None, "Élysée", "FRA", None, "GOV")
MAYDAY = A(None, "manifestants du 1er mai", "FRA", None, "OPP")
GJ = "Gilets jaunes"
GJ_IMPL = A(None, GJ, "FRA", None, "OPP")

ANN.update({
    "2018_03_01-001": [
        R("touchés par une [cyberattaque] inédite", "ASSAULT", None, None,
          A("[différents ministères] touchés", DEU_MIN, "DEU", None, "GOV"), "2018-03-01"),
        R("faire l'objet d'une [attaque informatique] sans", "ASSAULT", None, None,
          A("à l'encontre [des ministères]", DEU_MIN, "DEU", None, "GOV"), "2018-03-01"),
        R("Il s'agit d'une « [attaque] techniquement", "ASSAULT", None, None, None, "2018-03-01"),
        R("affirmé que la [cyberattaque] était", "ASSAULT", None, None, None, "2018-03-01"),
        R("services secrets pour [remonter la trace] des pirates", "ACCUSE", "investigate",
          A("efforts [des services secrets] pour", "services secrets allemands", "DEU", None, "SPY"),
          A("la trace [des pirates], que", "pirates informatiques", None, None, None), "2018-03-01"),
    ],
    "2018_03_20-001": [
        R("Nicolas Sarkozy [arrêté] par la police", "COERCE", "arrest", A("arrêté par [la police]", "police française", "FRA", None, "COP"),
          A("France : [Nicolas Sarkozy] arrêté", SARKO, "FRA"), "2018-03-20"),
        R("Nicolas Sarkozy [été placé en garde à vue] mardi", "COERCE", "arrest",
          A("par [les policiers de l' Office central de lutte contre la corruption et les infractions financières et fiscales] (OCLCIFF)",
            "Office central de lutte contre la corruption et les infractions financières et fiscales", "FRA", None, "COP"),
          A("[L'ex-président français Nicolas Sarkozy] été", SARKO, "FRA"), "2018-03-20"),
        R("Il est visé par une [enquête] pour", "ACCUSE", "investigate", A(None, "enquêteurs", "FRA", None, "JUD"),
          A("[Il] est visé", SARKO, "FRA"), "2018-03-20"),
        R("Les enquêteurs [s’intéressent] à un", "ACCUSE", "investigate", A("[Les enquêteurs] s’", "enquêteurs", "FRA", None, "JUD"),
          None, "2018-03-20"),
    ],
    "2018_07_21-002": [
        R("l'Elysée [accusé] de violences", "ACCUSE", "allege", None,
          A("[un collaborateur de l'Elysée] accusé", BENALLA, "FRA", None, "GOV"), "2018-07-18"),
        R("violences lors des [manifestations] du 1er mai\n", "PROTEST", "demo", MAYDAY, None, "2018-05-01", hist=T),
        R("18 juillet 2018, [a révélé] une vidéo", "ACCUSE", "allege",
          A("[Le journal Le Monde] ,", "Le Monde", "FRA", None, "MED"),
          A("montrant [un collaborateur de l' Élysée , Alexandre Benalla] ,", BENALLA, "FRA", None, "GOV"), "2018-07-18"),
        R("prise lors des [manifestations] du 1er mai 2018", "PROTEST", "demo", MAYDAY, None, "2018-05-01", hist=T),
        R("République , [frapper] un jeune", "ASSAULT", None,
          A("montrant [un collaborateur de l' Élysée , Alexandre Benalla] ,", BENALLA, "FRA", None, "GOV"),
          A("frapper [un jeune manifestant] à terre", "jeune manifestant", "FRA", None, "OPP"), "2018-05-01", hist=T),
        R("préalablement [maîtrisé] par les forces", "COERCE", "arrest",
          A("par [les forces de l'ordre]", "forces de l'ordre françaises", "FRA", None, "COP"),
          A("frapper [un jeune manifestant] à terre", "jeune manifestant", "FRA", None, "OPP"), "2018-05-01", hist=T),
        R("Benalla [a demandé] « l'autorisation", "REQUEST", None,
          A("qu'[Alexandre Benalla] a demandé", BENALLA, "FRA", None, "GOV"), None, None, hist=T),
        R("Cette autorisation lui [a été donnée]", "CONCEDE", None, ELYSEE,
          A("Cette autorisation [lui] a été", BENALLA, "FRA", None, "GOV"), None, hist=T),
        R("ses actions [été sanctionné] d'une mise à pied", "COERCE", None, ELYSEE,
          A("et qu'[il] avait à la suite", BENALLA, "FRA", None, "GOV"), None, hist=T),
        R("Une [enquête] a été ouverte", "ACCUSE", "investigate",
          A("par [le parquet de Paris] le", "parquet de Paris", "FRA", None, "JUD"),
          A("à [son] encontre par le parquet", BENALLA, "FRA", None, "GOV"), "2018-07-19"),
        R("a également été [saisie] par le Ministre", "ACCUSE", "investigate",
          A("par [le Ministre d'État, Ministre de l'Intérieur , Gérard Collomb]", "Gérard Collomb", "FRA", None, "GOV"),
          None, None),
        R("Alexandre Benalla [a été placé en garde à vue] des chefs", "COERCE", "arrest", None,
          A("2018, [Alexandre Benalla] a été", BENALLA, "FRA", None, "GOV"), "2018-07-20"),
        R("une [procédure de licenciement] a également", "COERCE", None,
          A("par [l'Élysée].", "Élysée", "FRA", None, "GOV"),
          A("à [son] encontre par l'Élysée", BENALLA, "FRA", None, "GOV"), "2018-07-20"),
    ],
    "2018_11_17-001": [
        R("France : [manifestations] des « Gilets", "PROTEST", "demo", A("des « [Gilets jaunes] »", GJ, "FRA", None, "OPP"),
          None, "2018-11-17"),
        R("personnes [ont rejoint] le mouvement", "PROTEST", "demo",
          A("[plusieurs milliers de personnes] ont", GJ, "FRA", None, "OPP"), None, "2018-11-17"),
        R("Ils [protestent] en particulier", "PROTEST", "demo", A("[Ils] protestent", GJ, "FRA", None, "OPP"), None, "2018-11-17"),
        R("Ils [ont bloqué] les autoroutes", "PROTEST", None, A("[Ils] ont bloqué", GJ, "FRA", None, "OPP"), None, "2018-11-17"),
        R("l'apogée des [manifestations]", "PROTEST", "demo", GJ_IMPL, None, "2018-11-17"),
        R("lors des [mobilisations]", "PROTEST", "demo", GJ_IMPL, None, "2018-11-17"),
    ],
})
