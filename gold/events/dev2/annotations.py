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

FR_GOV = A(None, "gouvernement français", "FRA", None, "GOV")
GUY_MOV = "mouvement social guyanais"
MINS = "Matthias Fekl et Ericka Bareigts"
BAREIGTS = "Ericka Bareigts"
MANSE = "Mickaël Mansé"
TUR_SEC = "forces de sécurité turques"
MKAPA = "Benjamin Mkapa"
CNARED = "Cnared"
COAL = "coalition turco-rebelle"
REBS = "rebelles syriens soutenus par la Turquie"

ANN.update({
    "2017_04_02-005": [
        R("[Négociations] en Guyane", "CONSULT", None, A(None, MINS, "FRA", None, "GOV"), None, "2017-03-30"),
        R("Guyane après le [mouvement social] et", "PROTEST", None, A(None, GUY_MOV, "FRA", None, "OPP"), None, "2017-03"),
        R("social et [excuses] de la ministre", "CONCEDE", None,
          A("de [la ministre des outre-mer]", BAREIGTS, "FRA", None, "GOV"), None, "2017-03-30"),
        R("À la suite du [mouvement social] ayant", "PROTEST", None, A(None, GUY_MOV, "FRA", None, "OPP"), None, "2017-03"),
        R("ont entamé jeudi des [négociations] avec", "CONSULT", None,
          A("[les ministres français Matthias Fekl ( ministre de l'Intérieur ) et Ericka Bareigts (ministre des outre-mer)]",
            MINS, "FRA", None, "GOV"),
          A("avec [les chefs de la mobilisation]", "chefs du mouvement social guyanais", "FRA", None, "OPP"), "2017-03-30"),
        R("Ayant été vivement [critiquée] pour", "ACCUSE", "disapprove", None,
          A(", [Mme Bareigts] a présenté", BAREIGTS, "FRA", None, "GOV"), None),
        R("a présenté des [excuses] officielles", "CONCEDE", None, A(", [Mme Bareigts] a présenté", BAREIGTS, "FRA", None, "GOV"),
          A("officielles aux [Guyanais] pour", "Guyanais", "FRA", None, "CVL"), "2017-03-30"),
        R("permettant aux [négociations], qui", "CONSULT", None, A(None, MINS, "FRA", None, "GOV"), None, "2017-03-30"),
        R("Les manifestants [avaient exigé] le retrait", "REQUEST", None,
          A("[Les manifestants] avaient", GUY_MOV, "FRA", None, "OPP"), None, "2017-03-30"),
        R("avaient exigé le [retrait] d'un dispositif", "RETREAT", "withdraw", FR_GOV, None, "2017-03-30"),
        R("puis [s'étaient indignés] de l'absence", "ACCUSE", "disapprove",
          A("[Les manifestants] avaient", GUY_MOV, "FRA", None, "OPP"), None, "2017-03-30"),
        R("à assister aux [discussions]", "CONSULT", None, A(None, MINS, "FRA", None, "GOV"), None, "2017-03-30"),
        R("on m’[a demandé] de faire mes excuses", "REQUEST", None, None,
          A("on [m’]a demandé", BAREIGTS, "FRA", None, "GOV"), "2017-03-30"),
        R("toutes mes [excuses] au peuple guyanais pour", "CONCEDE", None,
          A("à [moi] que revient", BAREIGTS, "FRA", None, "GOV"),
          A("mes excuses au [peuple guyanais] pour", "Guyanais", "FRA", None, "CVL"), "2017-03-30"),
        R("elle s'était déjà [excusée] devant", "CONCEDE", None, A("[elle] s'était", BAREIGTS, "FRA", None, "GOV"),
          A("devant [une délégation de Guyanais] qu'", "délégation du mouvement social guyanais", "FRA", None, "OPP"),
          "2017-03-30"),
        R("qu'elle [avait reçue] avec M. Fekl", "CONSULT", "visit",
          A("devant [une délégation de Guyanais] qu'", "délégation du mouvement social guyanais", "FRA", None, "OPP"),
          A("qu'[elle] avait reçue", MINS, "FRA", None, "GOV"), "2017-03-30"),
        R("[a égrené les griefs] contre la France", "ACCUSE", "disapprove",
          A("[Mickaël Mansé] , un", MANSE, "FRA", None, "OPP"), A("contre [la France]", "France", "FRA"), None),
        R("gouvernements] [nous doivent] les infrastructures", "ACCUSE", "disapprove",
          A("Pour [lui], «", MANSE, "FRA", None, "OPP"),
          A("« [[les gouvernements]] nous", "gouvernements français", "FRA", None, "GOV"), None),
        R("Il [réclame] en particulier", "REQUEST", "assist", A("[Il] réclame", MANSE, "FRA", None, "OPP"), None, "2017-04-02"),
        R("Les [revendications] du mouvement", "REQUEST", None, A("du [mouvement] ont", GUY_MOV, "FRA", None, "OPP"), None, None),
        R("ont déjà été [entendues]", "CONCEDE", None, FR_GOV, None, None),
        R("dès mercredi, [acté] la création", "CONCEDE", None,
          A("[Le Premier ministre Bernard Cazeneuve] a", "Bernard Cazeneuve", "FRA", None, "GOV"), None, "2017-03-29"),
        R("La [suspension] de la cession", "CONCEDE", None, FR_GOV, None, None),
        R("a également [été allouée] à l’hôpital", "AID", "economic", FR_GOV,
          A("à [l’hôpital de Cayenne]", "hôpital de Cayenne", "FRA"), None),
        R("depuis lundi le [renfort] de 25 policiers", "MOBILIZE", "police",
          A("[le préfet] a annoncé", "préfet de Guyane", "FRA", None, "GOV"), None, "2017-03-27"),
        R("ainsi que la [fidélisation] d’un escadron", "MOBILIZE", "police",
          A("[le préfet] a annoncé", "préfet de Guyane", "FRA", None, "GOV"), None, "2017-03-27"),
        R("qui ont [affiché leur solidarité] avec", "SUPPORT", None,
          A("des [ministres Fekl et Bareigts] s'annonce", MINS, "FRA", None, "GOV"),
          A("solidarité avec [les guyanais]", "Guyanais", "FRA", None, "CVL"), None),
    ],
    "2016_01_06-002": [
        R("les autorités [saisissent] 13 tonnes", "COERCE", "seize",
          A("Turquie : [les autorités] saisissent", "autorités turques", "TUR", None, "GOV"), None, "2016-01-05"),
        R("turques [ont saisi] 13 tonnes", "COERCE", "seize",
          A("[les forces de sécurité turques] ont saisi", TUR_SEC, "TUR", None, "COP"), None, "2016-01-05"),
        R("bolivien, [a été arraisonné] au large", "COERCE", "seize", A(None, TUR_SEC, "TUR", None, "COP"),
          A("[Le navire], qui", "navire Joudi"), "2016-01-05"),
        R("la première [intervention anti-drogue] menée", "COERCE", "seize",
          A("par [les autorités turques] dans", "autorités turques", "TUR", None, "GOV"), None, "2016-01-05"),
        R("Les garde-côtes ont alors [poursuivi] le cargo", "MOBILIZE", None,
          A("[Les garde-côtes] ont", "garde-côtes turcs", "TUR", None, "COP"),
          A("poursuivi [le cargo] à", "navire Joudi"), "2016-01-05"),
        R("avant de l'[arraisonner]", "COERCE", "seize", A("[Les garde-côtes] ont", "garde-côtes turcs", "TUR", None, "COP"),
          A("avant de [l']arraisonner", "navire Joudi"), "2016-01-05"),
        R("dix personnes [ont été interpelées]", "COERCE", "arrest", A(None, "garde-côtes turcs", "TUR", None, "COP"),
          A("et [dix personnes] ont", "équipage du Joudi", None, None, "CVL"), "2016-01-05"),
        R("après l'[autorisation] du ministère", "SUPPORT", None,
          A("ainsi que [du gouvernement bolivien]", "gouvernement bolivien", "BOL", None, "GOV"), None, "2016-01-05"),
        R("stupéfiants [ratifiée] en 1988", "SUPPORT", None, None, None, "1988", hist=T),
        R("Ce [coup de filet anti-drogue] mené", "COERCE", "seize",
          A("mené par [les autorités turques] est", "autorités turques", "TUR", None, "GOV"), None, "2016-01-05"),
    ],
    "2016_12_09-002": [
        R("est à nouveau à Bujumbura pour tenter d'[aider] le pays", "CONSULT", "third-party",
          A("[L'ancien Président de la Tanzanie , Benjamin Mkapa] est", MKAPA, "TZA"),
          A("aider [le pays] à sortir", "Burundi", "BDI"), None, hyp=T),
        R("de [réconcilier] les différents", "CONSULT", "third-party", A(", [Benjamin Mkapa] avait", MKAPA, "TZA"),
          None, "2015", hist=T),
        R("S'il va [rencontrer] le Président", "CONSULT", "third-party", A("S'[il] va", MKAPA, "TZA"),
          A("rencontrer [le Président] ainsi", "Pierre Nkurunziza", "BDI", None, "GOV"), None, hyp=T),
        R("S'il va [rencontrer] le Président", "CONSULT", "third-party", A("S'[il] va", MKAPA, "TZA"),
          A("ainsi qu'[un certain nombre d'ambassadeurs au Burundi]", "ambassadeurs au Burundi (dont Chine et Russie)",
            None, None, "GOV"), None, hyp=T),
        R("ne devrait pas [rencontrer] les représentants", "CONSULT", "third-party", A(", [il] ne devrait", MKAPA, "TZA"),
          A("rencontrer [les représentants de la Cnared]", CNARED, "BDI", None, "OPP"), None, neg=T, hyp=T),
        R("[refuse] systématiquement tout dialogue", "REJECT", "meet",
          A("[le pouvoir de Nkurunziza] refuse", "gouvernement burundais", "BDI", None, "GOV"),
          A("avec [la Cnared]", CNARED, "BDI", None, "OPP"), "2016-12-09"),
    ],
    "2016_11_15-002": [
        R("Les militaires belges [manifestent] dans", "PROTEST", "demo",
          A("[Les militaires belges] manifestent", "militaires belges", "BEL", None, "MIL"), None, "2016-11-15"),
        R("militaires [manifestent] ce mardi", "PROTEST", "demo",
          A("que [5 000 à 7 000 militaires] manifestent", "militaires belges", "BEL", None, "MIL"), None, "2016-11-15"),
        R("veulent [dénoncer] le relèvement", "PROTEST", "demo",
          A("[les militaires] veulent", "militaires belges", "BEL", None, "MIL"), None, "2016-11-15"),
        R("pour [souligner sur la nécessité des mesures]", "REJECT", "change",
          A("[Le ministre de la Défense, Steven Vandeput]", "Steven Vandeput", "BEL", None, "GOV"),
          A("ouverte [aux militaires] hier", "militaires belges", "BEL", None, "MIL"), "2016-11-14"),
    ],
    "2017_02_24-002": [
        R("[Expulsé] d'al-Bab", "COERCE", "seize", A(None, REBS, "SYR", None, "REB"),
          A("al-Bab, [Daech] perd", "État islamique", None, None, "REB"), "2017-02-23"),
        R("[Expulsé] d'al-Bab", "COERCE", "seize", A(None, "armée turque", "TUR", None, "MIL"),
          A("al-Bab, [Daech] perd", "État islamique", None, None, "REB"), "2017-02-23"),
        R("rebelles [soutenus] par la Turquie", "AID", "military", A("par [la Turquie] et", "Turquie", "TUR"),
          A("[les rebelles] soutenus", REBS, "SYR", None, "REB"), None),
        R("l'armée turque [ont expulsé] le groupe", "COERCE", "seize",
          A("[les rebelles soutenus par la Turquie] et", REBS, "SYR", None, "REB"),
          A("expulsé [le groupe État islamique] (Daech)", "État islamique", None, None, "REB"), "2017-02-23"),
        R("l'armée turque [ont expulsé] le groupe", "COERCE", "seize",
          A("et [l'armée turque] ont", "armée turque", "TUR", None, "MIL"),
          A("expulsé [le groupe État islamique] (Daech)", "État islamique", None, None, "REB"), "2017-02-23"),
        R("annoncé [avoir repris] Qabasin", "COERCE", "seize", A(", [ils] ont également", COAL, None, None, "MIL"), None, "2017-02"),
        R("les rebelles [ont solidifié leurs positions]", "MOBILIZE", "troops",
          A("et [les rebelles] ont solidifié", REBS, "SYR", None, "REB"), None, None),
        R("ont pu facilement [fuir] la ville", "RETREAT", "withdraw",
          A("[Les djihadistes] ont pu", "État islamique", None, None, "REB"), None, "2017-02-23"),
        R("La [bataille] aura duré", "ASSAULT", None, A(None, COAL, None, None, "MIL"), None, "2016-11"),
        R("depuis son [intervention] en Syrie", "MOBILIZE", "troops", A("depuis [son] intervention", COAL, None, None, "MIL"),
          A("intervention en [Syrie] le", "Syrie", "SYR"), "2016-08-24", hist=T),
        R("alors qu'un [attentat] le lendemain", "ASSAULT", None, None,
          A("tué [près de 30 personnes dont deux soldats turcs]", "victimes de l'attentat d'al-Bab"), "2017-02-24"),
        R("continuer à [s'étendre] vers le sud", "COERCE", "seize", A("[elle] pourrait", COAL, None, None, "MIL"),
          A("au détriment de [Daech]", "État islamique", None, None, "REB"), None, hyp=T),
        R("qu'Anakra [considère comme terroristes]", "ACCUSE", "allege", A("qu'[Anakra] considère", "Turquie", "TUR", None, "GOV"),
          A("par [les milices kurdes] qu'", "milices kurdes (FDS)", "SYR", None, "REB"), "2017-02-24"),
        R("et ses alliées [progressent] à l'est", "MOBILIZE", "troops",
          A("[l'armée syrienne] et ses", "armée syrienne", "SYR", None, "MIL"), None, "2017-02-24"),
        R("et ses alliées [progressent] à l'est", "MOBILIZE", "troops",
          A("et [ses alliées] progressent", "alliés de l'armée syrienne"), None, "2017-02-24"),
        R("Une éventuelle [jonction] avec", "COOPERATE", None, A(None, "armée syrienne", "SYR", None, "MIL"),
          A("jonction avec [les FDS]", "Forces démocratiques syriennes", "SYR", None, "REB"), None, hyp=T),
        R("cherche alors à [négocier] avec", "CONSULT", None, A("[La Turquie] cherche", "Turquie", "TUR"),
          A("avec [les grandes puissances] sa", "grandes puissances"), None, hyp=T),
        R("cherche à [écarter] toute implication", "REJECT", None, A("[La Turquie] cherche", "Turquie", "TUR"),
          A("implication [des milices kurdes]", "milices kurdes (FDS)", "SYR", None, "REB"), None, hyp=T),
    ],
})

COL_GOV = A(None, "gouvernement colombien", "COL", None, "GOV")
FARC = "Forces armées révolutionnaires de Colombie"
DUQUE = "Iván Duque"
URIBE = "Álvaro Uribe"
SHEBAB = "shebab"
SHEBAB_IMPL = A(None, SHEBAB, "SOM", None, "REB")

ANN.update({
    "2018_06_23-001": [
        R("après les [accords de paix] de 2016", "SUPPORT", None, COL_GOV,
          A("avec [les Forces armées révolutionnaires de Colombie] (FARC)", FARC, "COL", None, "REB"), "2016", hist=T),
        R("Duque a dit [vouloir] « la paix avec la justice »", "ACCUSE", "disapprove",
          A("discours, [Duque] a dit", DUQUE, "COL", None, "OPP"), None, None),
        R("car les [accords] actuels", "SUPPORT", None, COL_GOV, None, "2016", hist=T),
        R("Après l'[acceptation] des accords", "SUPPORT", None, None, None, "2016", hist=T),
        R("rebelles avaient [déposé les armes]", "RETREAT", None,
          A("[environ 7 000 rebelles] avaient", FARC, "COL", None, "REB"), None, None, hist=T),
        R("avec le [soutien] de l'ancien", "SUPPORT", None,
          A("de [l'ancien préisdent colombien Álvaro Uribe]", URIBE, "COL"), A("2014, [Duque] est élu", DUQUE, "COL", None, "OPP"),
          "2014", hist=T),
        R("qui s'est fermement [opposé] aux accords", "REJECT", None, A("[Urique], qui", URIBE, "COL"), None, None),
        R("opposé aux [accords de paix], a soutenu", "SUPPORT", None, COL_GOV, None, "2016", hist=T),
        R("accords de paix, [a soutenu] Duque", "SUPPORT", None, A("[Urique], qui", URIBE, "COL"),
          A("a soutenu [Duque] pour", DUQUE, "COL", None, "OPP"), None),
    ],
    "2018_01_18-001": [
        R("Bayeux va [être prêtée] au Royaume-Uni", "AGREE", None, A(None, "France", "FRA"),
          A("prêtée au [Royaume-Uni]", "Royaume-Uni", "GBR"), "2018-01-18"),
        R("la France va [prêter] au Royaume-Uni", "AGREE", None, A("que [la France] va", "France", "FRA"),
          A("prêter au [Royaume-Uni], d'ici", "Royaume-Uni", "GBR"), "2018-01-18"),
        R("lors d'une [rencontre diplomatique] avec May", "CONSULT", None,
          A("par [le président français Macron] lors", "Emmanuel Macron", "FRA", None, "GOV"),
          A("diplomatique avec [May] à", "Theresa May", "GBR", None, "GOV"), "2018-01-18"),
        R("ce [prêt] inattendu", "AGREE", None, A(None, "France", "FRA"), None, "2018-01-18"),
        R("la procédure de [retrait] du Royaume-Uni", "SANCTION", "withdraw",
          A("retrait du [Royaume-Uni] de", "Royaume-Uni", "GBR"),
          A("de [l'Union européenne] (", "Union européenne", None, "EU"), None, hyp=T),
    ],
    "2018_02_24-002": [
        R("un double [attentat] à Mogadiscio", "ASSAULT", "explosives", SHEBAB_IMPL,
          A("attentat à [Mogadiscio]", "Mogadiscio", "SOM"), "2018-02-23"),
        R("dans deux [attentats] à la voiture piégée", "ASSAULT", "explosives", SHEBAB_IMPL, None, "2018-02-23"),
        R("Ces [attaques], revendiquées", "ASSAULT", "explosives",
          A("par [le groupe jihadiste somalien des shebab] affilié", SHEBAB, "SOM", None, "REB"),
          A("visé [le palais présidentiel] et", "palais présidentiel somalien", "SOM", None, "GOV"), "2018-02-23"),
        R("Ces [attaques], revendiquées", "ASSAULT", "explosives",
          A("par [le groupe jihadiste somalien des shebab] affilié", SHEBAB, "SOM", None, "REB"),
          A("et [un hôtel de la capitale somalienne Mogadiscio]", "hôtel de Mogadiscio", "SOM", None, "CVL"), "2018-02-23"),
        R("La première [explosion], suivie", "ASSAULT", "explosives", SHEBAB_IMPL,
          A("frappé [un des postes de contrôle] à", "poste de contrôle près de Villa Somalia", "SOM"), "2018-02-23"),
        R("suivie par des [tirs d'armes à feu]", "ASSAULT", "firearms", SHEBAB_IMPL, None, "2018-02-23"),
        R("la deuxième [explosion] visait", "ASSAULT", "explosives", SHEBAB_IMPL,
          A("visait [un hôtel proche]", "hôtel Doorbin", "SOM", None, "CVL"), "2018-02-23"),
        R("des assaillants [ont été tués] par", "ASSAULT", None,
          A("par [les forces de l'ordre] et", "forces de l'ordre somaliennes", "SOM", None, "COP"),
          A("[cinq des assaillants] ont", SHEBAB, "SOM", None, "REB"), "2018-02-23"),
    ],
})
