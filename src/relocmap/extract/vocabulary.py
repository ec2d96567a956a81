"""The French words the extractor recognises, each written once.

Figure nouns and their kinds, precision qualifiers, markers of the Région, of the
nation and of the future, bullets, dateline months, company and city markers, the
small words that link the parts of a place name, and the words of table headers.
The other modules of :mod:`relocmap.extract` import them from here: a new phrasing
of a release is taught to the extractor in this module.
"""

from __future__ import annotations

import re

from relocmap.base.numbers import DIGIT_RUN, ROUND_NUMBERS

# --- kinds of figure and their nouns ------------------------------------------------------

PROJECTS = "projects"
JOBS = "jobs"
# The French stem of each kind's noun: "projet(s)", "emploi(s)".
NOUN_STEMS = {PROJECTS: "projet", JOBS: "emploi"}
# The plural noun of each kind, as a trace or a table cell writes it.
NOUNS = {kind: f"{stem}s" for kind, stem in NOUN_STEMS.items()}


def noun_kind(word: str) -> str | None:
    """The kind a noun names: PROJECTS for "Projets", JOBS for "emploi", else None."""
    lowered = word.lower()
    for kind, stem in NOUN_STEMS.items():
        if lowered.startswith(stem):
            return kind
    return None


# --- typography ----------------------------------------------------------------------------

APOSTROPHES = "'’ʼ"
# Hyphen, hyphen, no-break hyphen, figure dash, en dash, em dash, minus: for classes.
DASHES = r"\-\u2010\u2011\u2012\u2013\u2014\u2212"
BULLETS = "-–—•*·▪◦●‣"

_A = f"[{APOSTROPHES}]"
_DE = rf"(?:\s+de\s+|\s+d{_A}\s?)"

# --- numbers of projects and jobs ----------------------------------------------------------

# "projets", "emploi", "créations d'emplois": the noun a figure is found from, in the
# group of its kind.
FIGURE_NOUN_WITH_KIND = re.compile(
    rf"(?<![^\W_])(?:(?P<{PROJECTS}>projets?)|(?P<{JOBS}>(?:cr[ée]ations?\s{{1,3}}d{_A}\s?)?emplois?))"
    r"(?![^\W_])",
    re.I,
)
# The bare nouns, for sentences that name one without a number.
FIGURE_NOUN = re.compile(r"(?<![^\W_])(?:projets?|emplois?)(?![^\W_])", re.I)
# Only a sentence with a number or a figure noun can be a tally.
MAY_TALLY = re.compile(r"[0-9]|projet|emploi", re.I)
# Lists of numbers ("11 et 7 projets") are read only in a sentence with this word.
RESPECTIVELY = "respectivement"

_ADJECTIVES = r"(?:nouveaux|nouvelles|nouveau|nouvelle|nouvel|autres|grands|gros|premiers|derniers)"
# Between an amount and its noun: "30 projets", "une centaine d'emplois",
# "30 nouveaux projets", "une centaine de nouveaux emplois".
AMOUNT_TO_NOUN = re.compile(rf"(?:(?P<de>\s+de\s+|\s+d{_A}\s?)|\s+)(?:{_ADJECTIVES}\s+)?$", re.I)
# "une vingtaine", "deux bonnes centaines", "1,2 millier".
ROUND_AMOUNT = re.compile(
    rf"(?<![^\W_])(?P<count>[^\W\d_]+|{DIGIT_RUN})\s+(?:(?:bonne|petite|grosse|belle)\s+)?"
    rf"(?P<unit>{'|'.join(ROUND_NUMBERS)})s?$",
    re.I,
)
# "un", "une" before an approximate noun: one of them.
ONE = ("un", "une")

# Words before an amount that say how exact it is, by precision; "bound" has no
# precision in the schema ("moins de 300", "jusqu'à 300"). Searched anchored at the
# amount: the leftmost match is the longest wording ("pas moins de", not "moins de").
QUALIFIER = re.compile(
    rf"""(?<![^\W_])(?:
      (?P<plus_de>(?:un\s+peu\s+)?plus{_DE}|pas\s+moins{_DE}|au\s+moins\s+|\+\s?de\s+
                  |au[\s{APOSTROPHES}-]+del[àa]{_DE})
    | (?P<pres_de>(?:tout\s+)?pr[èe]s{_DE}|presque\s+|quasiment\s+|pratiquement\s+)
    | (?P<environ>environ\s+|env\.\s?|quelques?\s+|autour{_DE}|aux\s+alentours{_DE}
                  |approximativement\s+|[àa]\s+peu\s+pr[èe]s\s+|plus\s+ou\s+moins\s+)
    | (?P<bound>moins{_DE}|jusqu{_A}\s?(?:[àa]|au)\s+|au\s+plus\s+|au\s+maximum\s+|au\s+max\s+
                |entre\s+|de\s+l{_A}ordre{_DE}|sur\s+un\s+total{_DE})
    )$
    | (?P<part>(?<![^\W_])(?:(?:sur|parmi|d{_A}\s?entre)\s+(?:les|ces|ses)\s+
               |[0-9]+\s+(?:des|sur(?:\s+les)?|de\s+ces|parmi\s+les)\s+))$
    | (?P<sign>(?:~|≈|∼)\s?)$
    | (?P<limit>(?:<|>|≤|≥)\s?)$
    """,
    re.I | re.X,
)
# What joins two amounts of a list ("11 et 7 projets", "11, 7 et 4 projets") or a
# range ("200 à 300", "200-300", "200 ou 300").
LIST_JOIN = re.compile(r"(?:\s*,\s*|\s+et\s+)$", re.I)
RANGE_JOIN = re.compile(r"(?:\s*(?:[-–—/]|\bà|\ba|\bou)\s*)$", re.I)

# --- who the figures are for ---------------------------------------------------------------

# "la Région" (the council, capitalised) but not "la région de Grenoble"; "au total";
# the authorities that give totals.
REGIONAL = re.compile(
    r"\b(?-i:R[ée]gion|RÉGION)\b|\br[ée]gional(?:e|es|aux)?\b|\bau\s+total\b|\ben\s+tout\b"
    r"|\bau\s+global\b|\bcollectivit[ée]\b|\bminist(?:[èe]re|re)\b|\bgouvernement\b"
    r"|\b(?-i:État|ETAT|Etat)\b",
    re.I,
)
NATIONAL = re.compile(
    r"\bnationa(?:l|le|les|ux)\b|\bFrance\s+enti[èe]re\b|\bl['’]Hexagone\b"
    r"|\bdans\s+toute\s+la\s+France\b|\ben\s+France\b",
    re.I,
)
# Words that make a figure forward-looking or an objective: future tense, "d'ici 2027",
# "bientôt", "objectif"... A figure is forward-looking when its clause has one.
FORWARD = re.compile(
    r"(?<![^\W_])(?:auront|seront|sera|aura|devrai(?:en)?t|devr(?:a|ont)|pourr(?:a|ont)"
    r"|vont|va|bient[ôo]t|prochainement|[àa]\s+venir|d['’]ici|[àa]\s+terme|objectifs?"
    r"|ambitions?|vise|visent|viser|vis[ée]e?s?|pr[ée]vu(?:e|s|es)?|attendu(?:e|s|es)?"
    r"|horizon|futur(?:e|s|es)?|annonc[ée]s?\s+pour|permettra|cr[ée]era|accompagnera"
    r"|atteindra|g[ée]n[ée]rera|repr[ée]sentera|[^\W\d_]{3,}(?:eront|iront))(?![^\W_])",
    re.I,
)
# What joins two clauses of one sentence, each with its own verb: "210 projets ont été
# accompagnés et plus de 6 000 emplois seront créés" (each figure takes its own tense).
CLAUSE_JOIN = re.compile(r"\s(?:et|mais|tandis\s+qu[e'’]|alors\s+qu[e'’])\s", re.I)
# Forward words that make a figure an aim or a plan rather than the future effect of
# projects already supported: jobs that "seront créés" by the projects accompanied are
# how these plans count jobs, jobs "d'ici 2027" or "objectif" are not.
AIM = re.compile(
    r"(?<![^\W_])(?:bient[ôo]t|prochainement|[àa]\s+venir|d['’]ici|[àa]\s+terme|objectifs?"
    r"|ambitions?|vise|visent|viser|horizon|pr[ée]vu(?:e|s|es)?)"
    r"(?![^\W_])",
    re.I,
)
# One company, named as the subject: "l'entreprise X, installée dans le Rhône, crée…"
# ("des entreprises" in a department's tally is no company example).
COMPANY = re.compile(
    r"(?<![^\W_])(?:l['’]\s?|une\s+|la\s+|le\s+)(?:entreprise|soci[ée]t[ée]|usine|start-?up|PME"
    r"|ETI|groupe|filiale|manufacture|fabricant|laboratoire|industriel)(?![^\W_])",
    re.I,
)
# A city right before "(": "Saint-Étienne (Loire)" names the Loire only to place it.
CITY_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_][^\W\d_'’\-]*)\s?\(\s?$")

# --- where a sentence starts ---------------------------------------------------------------

# What may come before the place a sentence starts with: "Dans la Drôme", "Pour le
# département de l'Ain", "• Loire".
LEAD = re.compile(
    rf"[\s{re.escape(BULLETS)}]*(?:(?:dans|en|au|aux|à|a|pour|chez|côté|cote|concernant|sur)\s+)?"
    r"(?:(?:le\s+)?d[ée]partement\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+)|"
    r"(?:le|la|les)\s+|l['’]\s*)?",
    re.I,
)

MONTHS = (
    "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
)
# When a forward-looking figure is due: "d'ici fin 2025", "d'ici à 2027", "à l'horizon
# 2030", "avant la fin de l'année", "en 2026".
_WHEN = (
    rf"(?:(?:la\s+)?(?:fin|d[ée]but|mi-?|courant)\s*(?:de\s+|d{_A}\s?)?)?"
    rf"(?:(?:l{_A}\s?ann[ée]e(?:\s+prochaine)?)|(?:(?:{MONTHS})\s+)?[0-9]{{4}}(?![0-9]))"
)
HORIZON = re.compile(
    rf"(?<![^\W_])(?:d{_A}\s?ici(?:\s+[àa])?|[àa]\s+l{_A}\s?horizon(?:\s+de)?|avant"
    rf"|jusqu{_A}\s?(?:en|[àa])|en)\s+{_WHEN}",
    re.I,
)
# "Caen, le 3 avril 2024 –", "AMIENS, 9 mars 2023:", "Lyon, 03/04/2024 -": a dateline
# names a city, not a department's tally.
DATELINE = re.compile(
    rf"[^\W\d_][^\W\d_'’\-\u2011 ]{{0,30}}"
    rf"(?:[ \-\u2011'’][^\W\d_][^\W\d_'’\-\u2011]{{0,30}}){{0,4}}"
    rf"\s?(?:\([^()\n]{{1,30}}\))?,\s{{1,3}}(?:le\s+)?"
    rf"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    rf"(?:(?:1er|[0-9]{{1,2}})\s+(?:{MONTHS})\s+[0-9]{{4}}|[0-9]{{1,2}}[/.][0-9]{{1,2}}[/.][0-9]{{2,4}})"
    rf"\s?(?:[-–—:.,]\s?)?",
    re.I,
)
# A sentence ends at . ! ? or ; followed by a space; a bullet inside a line starts an
# item. The look-behinds keep each run of spaces scanned once.
SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|(?<!\s)\s++[•▪◦●‣](?:\s++|$)")

# --- place names ---------------------------------------------------------------------------

# Small words inside place names: Loire-et-Cher, Val-de-Marne, Alpes-de-Haute-Provence.
NAME_LINKS = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "sur", "sous", "en"}
# The articles a name may start with ("La Réunion", "à la Réunion").
ARTICLES = {"la", "le", "les", "l"}
# A word, then "de la", "du", "des"... right before a name: "Pays de la Loire".
OWNER_BEFORE = re.compile(
    rf"(?<![^\W\d_])([^\W\d_]+)\s{{1,2}}(?:de\s{{1,2}}la|de\s{{1,2}}l[{APOSTROPHES}]|du|des|de"
    rf"|d[{APOSTROPHES}])\s{{0,2}}$"
)
# Words that may own a department's name: "le Département de la Drôme".
OWNERS_OK = {"departement", "departements", "dans", "en", "pour"}

# --- table headers and cells ---------------------------------------------------------------

# Header words (folded) of the department's name column and of its code column.
NAME_WORDS = {"departement", "departements", "dept", "dep", "dpt", "territoire", "nom"}
CODE_WORDS = {"code", "n", "no", "num", "numero"}
# A row of totals: "Total", "Ensemble", "Région".
TOTAL_ROW = re.compile(r"^(?:total|ensemble|somme|region)\b", re.I)
# Cells that give no figure: "-", "n.c.", "n.d.".
EMPTY_CELLS = {"", "-", "–", "—", "nc", "n c", "nd", "n d", "/"}
