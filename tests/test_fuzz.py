"""Suite de fuzz (issue 10) : des entrées hostiles ou maladroites, écrites à la main
(tests/hostile.py) ou tirées au hasard (hypothesis), pour chaque porte d'entrée — situation
JSON, fichiers de règles YAML, tableaux de cohorte. Aucune ne doit produire autre chose
qu'un résultat ou un refus en français aux messages propres (bornés, sans caractère de
contrôle) : ni trace Python, ni ligne perdue (les durées et la mémoire : le banc).

Chaque test dure quelques secondes ; les campagnes longues sont marquées « lent » (hors du
lancement par défaut, lancées à part par .ci/run : ``pytest -m lent``). Les chiffres des
campagnes : docs/fiabilite.md (benchmarks/fiabilite.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orientation.referentiel import charger_referentiel
from orientation.referentiel.chargement import _Analyseur, _Contexte
from orientation.situation.erreurs import lire_situation_json
from orientation.situation.faits import CHAMPS
from orientation.situation.lecture import lire_json
from tests.conftest import REGLES
from tests.hostile import (
    EXEMPLES_JSON,
    defaut_des_messages,
    essayer_json,
    essayer_referentiel,
    essayer_tableau,
    essayer_yaml,
    muter,
    regle_yaml,
    situations_json,
    tableaux_csv,
    tableaux_jsonl,
    yaml_hostiles,
)
from tests.test_fiabilite import situations

RAPIDE = settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=150)
LONG = settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=3_000)


def verifier(essai, nom: str = "") -> None:
    """Ni plantage, ni ligne perdue. Les durées (aucune entrée au-delà de 10 s) et la
    mémoire se mesurent dans benchmarks/fiabilite.py, pas ici : pas d'assertion chronométrée
    dans la suite."""
    assert essai.issue != "plantage", f"{nom} : {essai.detail}"
    assert essai.perdues == 0, f"{nom} : {essai.perdues} ligne(s) perdue(s)"


# --- Situations JSON -------------------------------------------------------------------------------

CORPUS_JSON = list(situations_json())


@pytest.mark.parametrize(("nom", "texte"), CORPUS_JSON, ids=[n for n, _ in CORPUS_JSON])
def test_corpus_json(nom, texte):
    verifier(essayer_json(texte), nom)


_VOCABULAIRE = sorted({m for c in CHAMPS for m in c.split(".")} | {
    "age", "contexte", "sante", "autonomie", "handicap", "social", "aggir", "fragilite",
    "epices", "mini_zarit", "x", ""})
_VALEURS = sorted({str(v) for c in CHAMPS.values() for v in (c.valeurs or ())})
_feuilles = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-10**60, 10**60),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(_VALEURS),
    st.text(st.characters(codec="utf-8"), max_size=30),
    st.text(st.characters(max_codepoint=0x9f), max_size=10),
)
_json = st.recursive(
    _feuilles,
    lambda enfants: st.lists(enfants, max_size=6)
    | st.dictionaries(st.sampled_from(_VOCABULAIRE) | st.text(max_size=5), enfants, max_size=6),
    max_leaves=25,
)


def _textes_json(valeur, ascii_: bool) -> str:
    return json.dumps(valeur, ensure_ascii=ascii_, allow_nan=True)


@RAPIDE
@given(valeur=_json, ascii_=st.booleans(), doublon=st.booleans())
def test_json_structures_hostiles(valeur, ascii_, doublon):
    texte = _textes_json({"age": 80, "social": valeur} if isinstance(valeur, dict) else valeur,
                         ascii_)
    if doublon and texte.startswith("{") and len(texte) > 2:
        texte = texte[:-1] + ', "age": 81}'  # une clé en double ne passe jamais
    essai = essayer_json(texte)
    verifier(essai)
    if doublon and texte.endswith(', "age": 81}'):
        assert essai.issue == "refusé"  # jamais l'une des deux valeurs en silence


@RAPIDE
@given(graine=st.integers(0, 2**32), n=st.integers(1, 8))
def test_json_mutations_des_exemples(graine, n):
    texte = muter(EXEMPLES_JSON[graine % len(EXEMPLES_JSON)], graine, n)
    verifier(essayer_json(texte))


_json_propre = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf")), max_size=20),
    lambda enfants: st.lists(enfants, max_size=5)
    | st.dictionaries(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf")),
                              max_size=8), enfants, max_size=5),
    max_leaves=30,
)


@RAPIDE
@given(valeur=_json_propre, ascii_=st.booleans(), indent=st.sampled_from([None, 1, "\t"]))
def test_la_lecture_sure_rend_ce_que_json_rend(valeur, ascii_, indent):
    """Rien n'est perdu ni changé par la lecture sûre d'un JSON ordinaire."""
    texte = json.dumps(valeur, ensure_ascii=ascii_, indent=indent)
    assert lire_json(texte) == json.loads(texte) == valeur
    assert lire_json(texte.replace("\n", "\r")) == valeur


@RAPIDE
@given(s=situations())
def test_une_situation_valide_se_relit_a_l_identique(s):
    texte = s.model_dump_json(exclude_none=True)
    assert lire_situation_json(texte) == s
    assert lire_situation_json(texte.encode("utf-8")) == s


@pytest.mark.lent
@LONG
@given(graine=st.integers(0, 2**32), n=st.integers(1, 12))
def test_json_mutations_campagne_longue(graine, n):
    verifier(essayer_json(muter(EXEMPLES_JSON[graine % len(EXEMPLES_JSON)], graine, n)))


@pytest.mark.lent
@LONG
@given(valeur=_json, ascii_=st.booleans())
def test_json_structures_campagne_longue(valeur, ascii_):
    verifier(essayer_json(_textes_json({"age": 80, "sante": valeur}, ascii_)))


# --- Règles YAML ------------------------------------------------------------------------------------

CORPUS_YAML = list(yaml_hostiles())


@pytest.mark.parametrize(("nom", "contenu"), CORPUS_YAML, ids=[n for n, _ in CORPUS_YAML])
def test_corpus_yaml(nom, contenu, tmp_path):
    verifier(essayer_yaml(contenu, tmp_path), nom)


_REFERENTIEL = charger_referentiel(REGLES)
_MOTS = ["toutes", "une_de", "aucune", "au_moins", "nombre", "parmi", "egal", "different",
         "au_plus", "superieur_a", "inferieur_a", "hors_de", "contient", "contient_un_de",
         "renseigne", "nombre_au_moins", "niveau", "urgence", "pps", "secteurs", "parcours",
         "appuis", "alertes", "clusters", "oui", "non", "conclusion.niveau",
         "conclusion.secteurs", "conclusion.pps", "conclusion.appuis", "conclusion.x",
         *(f"${p}" for p in list(_REFERENTIEL.parametres)[:5]), "$inconnu",
         *list(_REFERENTIEL.catalogue.clusters)[:3], *list(_REFERENTIEL.catalogue.appuis)[:3],
         "complexe", "coordonne", "medecin_traitant", *CHAMPS]
_feuilles_yaml = st.one_of(
    st.none(), st.booleans(), st.integers(-10**50, 10**50),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(_MOTS),
    st.text(max_size=6), st.dates())
_yaml = st.recursive(
    _feuilles_yaml,
    lambda e: st.lists(e, max_size=4)
    | st.dictionaries(st.sampled_from(_MOTS) | st.integers(-2, 2) | st.none() | st.dates(),
                      e, max_size=3),
    max_leaves=20)


def _analyser(si, alors) -> None:
    analyseur = _Analyseur(_Contexte("essai.yaml"), _REFERENTIEL.catalogue,
                           _REFERENTIEL.parametres)
    analyseur.condition(si, 1)
    analyseur.conclusions(alors, 1)
    assert defaut_des_messages(analyseur.ctx.erreurs) in (None, "aucun message")


@RAPIDE
@given(si=_yaml, alors=_yaml)
def test_conditions_et_conclusions_quelconques_sans_plantage(si, alors):
    """Une règle quelconque donne des erreurs situées, jamais une exception."""
    _analyser(si, alors)


@pytest.fixture(scope="module")
def regles_a_muter(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("fuzz") / "rules"
    shutil.copytree(REGLES, dossier)
    return dossier


# Quelques exemples à chaque lancement (chacun recharge le référentiel) ; la campagne longue
# est marquée « lent ».
@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=8)
@given(si=_yaml, alors=_yaml)
def test_une_regle_quelconque_dans_un_fichier(si, alors, regles_a_muter):
    chemin = regles_a_muter / "sante.yaml"
    original = (REGLES / "sante.yaml").read_bytes()
    chemin.write_bytes(original.rstrip(b"\n") + regle_yaml(si, alors))
    try:
        verifier(essayer_referentiel(regles_a_muter))
    finally:
        chemin.write_bytes(original)


def _mutation_de_regles(dossier: Path, graine: int, n: int) -> None:
    fichiers = sorted(p.name for p in REGLES.glob("*.yaml"))
    nom = fichiers[graine % len(fichiers)]
    original = (REGLES / nom).read_bytes()
    (dossier / nom).write_bytes(muter(original, graine, n))
    try:
        verifier(essayer_referentiel(dossier), f"{nom} (graine {graine})")
    finally:
        (dossier / nom).write_bytes(original)


# Quelques exemples à chaque lancement (chacun recharge le référentiel) ; la campagne longue
# est marquée « lent ».
@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=8)
@given(graine=st.integers(0, 2**32), n=st.integers(1, 4))
def test_mutations_des_fichiers_de_regles(graine, n, regles_a_muter):
    _mutation_de_regles(regles_a_muter, graine, n)


@pytest.mark.lent
@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=400)
@given(graine=st.integers(0, 2**32), n=st.integers(1, 6))
def test_mutations_des_fichiers_de_regles_campagne_longue(graine, n, regles_a_muter):
    _mutation_de_regles(regles_a_muter, graine, n)


@pytest.mark.lent
@LONG
@given(si=_yaml, alors=_yaml)
def test_conditions_quelconques_campagne_longue(si, alors):
    _analyser(si, alors)


# --- Tableaux ------------------------------------------------------------------------------------
# Chaque entrée du corpus : refusée en entier avec un message, ou chaque ligne repérée ou
# rejetée (aucune ligne perdue, aucune trace Python).

CORPUS_TABLEAUX = [("csv", n, c) for n, c in tableaux_csv()] + [
    ("jsonl", n, c) for n, c in tableaux_jsonl()]


@pytest.mark.parametrize(
    ("format_", "nom", "contenu"),
    CORPUS_TABLEAUX,
    ids=[f"{f}-{n}" for f, n, _ in CORPUS_TABLEAUX])
def test_corpus_tableaux(format_, nom, contenu, tmp_path):
    verifier(essayer_tableau(f"entree.{format_}", contenu, tmp_path), nom)
